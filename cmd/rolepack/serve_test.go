package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rolepack/rolepack"
)

// startServe builds a copy of the example pack and serves it; it returns
// the base URL and the content directory.
func startServe(t *testing.T) (string, string) {
	t.Helper()
	return startServeEditing(t, nil)
}

// startServeEditing is startServe, calling edit (when not nil) with the
// content directory after the first build and before serve starts
// watching the sources.
func startServeEditing(t *testing.T, edit func(content string)) (string, string) {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", "1795478400")
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := writePack(rolepack.ExamplePack(), content); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{content: content, out: filepath.Join(root, "out"), log: io.Discard, hosts: allowedHosts(ln.Addr(), "127.0.0.1", false)}
	s.rebuild()
	if edit != nil {
		edit(content)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/", content
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// eventually polls until f reports true or the time runs out.
func eventually(t *testing.T, what string, f func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute) // a guard against a hang, not a speed test
	for time.Now().Before(deadline) {
		if f() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestServeRebuildsAndShowsErrors(t *testing.T) {
	base, content := startServe(t)
	code, body := get(t, base)
	if code != 200 || !strings.Contains(body, "Halvora Health Systems") {
		t.Fatalf("home: %d %.200s", code, body)
	}
	people := filepath.Join(content, "people.toml")
	orig, _ := os.ReadFile(people)
	bad := bytes.Replace(orig, []byte("job_title ="), []byte("\"<b>\" = 1\njob_title ="), 1)
	if err := os.WriteFile(people, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the error page", func() bool {
		code, body := get(t, base)
		return code == 500 && strings.Contains(body, "people.toml:") && strings.Contains(body, "&lt;b&gt;")
	})
	// The problem page, which quotes the sources, is not for other hosts.
	if code, body := getAs(t, base, "rebind.example:80"); code != http.StatusMisdirectedRequest || strings.Contains(body, "people.toml") {
		t.Errorf("error page to a foreign Host: %d %.200s", code, body)
	}
	if err := os.WriteFile(people, bytes.Replace(orig, []byte("Zoë Ñúñez"), []byte("Zoë Ñúñez-Renamed"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the rebuilt site", func() bool {
		code, body := get(t, base+"people/zoe-nunez.html")
		return code == 200 && strings.Contains(body, "Zoë Ñúñez-Renamed")
	})
}

// An edit made after a build began and before the watcher first looks is
// not lost: on a busy machine the watcher starts late, and it used to take
// the edited sources as the ones already built.
func TestServeSeesAnEditBeforeItWatches(t *testing.T) {
	base, _ := startServeEditing(t, func(content string) {
		people := filepath.Join(content, "people.toml")
		orig, err := os.ReadFile(people)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(people, bytes.Replace(orig, []byte("Zoë Ñúñez"), []byte("Zoë Ñúñez-Early"), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	eventually(t, "the rebuilt site", func() bool {
		code, body := get(t, base+"people/zoe-nunez.html")
		return code == 200 && strings.Contains(body, "Zoë Ñúñez-Early")
	})
}

// getAs requests url with the given Host header, as a browser does after
// DNS rebinding: the connection goes to the server, the name is another.
func getAs(t *testing.T, url, host string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeAnswersOnlyItsOwnNames(t *testing.T) {
	base, _ := startServe(t)
	port := strings.TrimSuffix(base[strings.LastIndex(base, ":")+1:], "/")
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port} {
		if code, body := getAs(t, base, host); code != 200 || !strings.Contains(body, "Halvora Health Systems") {
			t.Errorf("Host %s: %d %.100s", host, code, body)
		}
	}
	for _, host := range []string{
		"rebind.example:" + port, // DNS rebinding: the attacker's name
		"rebind.example",
		"127.0.0.1.nip.io:" + port,
		"localhost:1", // another port: another origin
		"localhost",
		"0.0.0.0:" + port,
	} {
		code, body := getAs(t, base, host)
		if code != http.StatusMisdirectedRequest || strings.Contains(body, "Halvora") {
			t.Errorf("Host %q: %d %.100s, want 421", host, code, body)
		}
	}
	// An HTTP/1.0 request may carry no Host at all.
	conn, err := net.Dial("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET / HTTP/1.0\r\n\r\n")
	status, _ := bufio.NewReader(conn).ReadString('\n')
	if !strings.HasPrefix(status, "HTTP/1.0 421 ") {
		t.Errorf("request without Host: %q, want 421", status)
	}
}

func TestServeListsNoDirectories(t *testing.T) {
	base, _ := startServe(t)
	for _, p := range []string{"roles/", "roles", "people/", "roles/../roles/"} {
		code, body := get(t, base+p)
		if code != 404 || strings.Contains(body, "<a href") || strings.Contains(body, ".html") {
			t.Errorf("/%s: %d %.200s, want 404 and no listing", p, code, body)
		}
	}
	// A directory with an index.html is still served through it.
	if code, body := get(t, base); code != 200 || !strings.Contains(body, "<html") {
		t.Errorf("/: %d %.100s", code, body)
	}
}

// TestServeStaysLocal: an address beyond loopback is misuse without
// --public. Each is refused before anything listens.
func TestServeStaysLocal(t *testing.T) {
	dir := t.TempDir()
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0", "example.com:0", "[::ffff:0.0.0.0]:0"} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"serve", "--addr", addr, "--content", filepath.Join(dir, "c"), "--out", filepath.Join(dir, "o")}, &stdout, &stderr)
		if code != exitMisuse || stdout.Len() != 0 || !strings.Contains(stderr.String(), "not a loopback address") || !strings.Contains(stderr.String(), "--public") {
			t.Errorf("serve --addr %s: exit %d, stdout %q, stderr %q", addr, code, stdout.String(), stderr.String())
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "127.1.2.3:8080", "localhost:0", "[::1]:0"} {
		var stderr bytes.Buffer
		if _, err := checkListenAddr(addr, false, &stderr); err != nil || stderr.Len() != 0 {
			t.Errorf("%s refused: %v %q", addr, err, stderr.String())
		}
	}
	if _, err := checkListenAddr("127.0.0.1", false, io.Discard); err == nil {
		t.Error("an address without a port accepted")
	}
}

func TestServePublicWarns(t *testing.T) {
	var stderr bytes.Buffer
	if _, err := checkListenAddr("0.0.0.0:8080", true, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr.String(), "warning: --public") || !strings.Contains(stderr.String(), "without authentication") {
		t.Errorf("no warning: %q", stderr.String())
	}
	// With --public the machine's own names are accepted too; without it
	// they are not.
	hostname, err := os.Hostname()
	if err != nil || isLoopbackHost(hostname) {
		t.Skip("no hostname distinct from localhost")
	}
	ln := &net.TCPAddr{IP: net.IPv4zero, Port: 8080}
	if !hostAllowed(allowedHosts(ln, "0.0.0.0", true), hostname+":8080") {
		t.Errorf("--public refuses the hostname %s", hostname)
	}
	if hostAllowed(allowedHosts(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "127.0.0.1", false), hostname+":8080") {
		t.Errorf("loopback server accepts the hostname %s", hostname)
	}
}
