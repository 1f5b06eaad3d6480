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
	"github.com/rolepack/rolepack/generator/site"
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
	return startServeEdition(t, site.Staff, edit)
}

// startServeEdition is startServeEditing serving edition e of the site.
func startServeEdition(t *testing.T, e site.Edition, edit func(content string)) (string, string) {
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
	s := &server{content: content, out: filepath.Join(root, "out"), edition: e, log: io.Discard, hosts: allowedHosts(ln.Addr(), "127.0.0.1", false)}
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

// The pages serve serves reload after a rebuild: each carries the id of
// the build it was served from and asks buildPath for the latest one.
func TestServeReloadsPagesAfterARebuild(t *testing.T) {
	base, content := startServe(t)
	code, id := get(t, base+".rolepack/build")
	if code != 200 || id == "" {
		t.Fatalf("%s: %d %q", buildPath, code, id)
	}
	for _, p := range []string{"", "index.html", "roles/", "people/zoe-nunez.html"} {
		code, body := get(t, base+p)
		if p == "index.html" || p == "roles/" {
			continue // a redirect, and a folder without a page
		}
		if code != 200 || strings.Count(body, reloadScript(id)) != 1 || !strings.Contains(body, reloadScript(id)+"</body>") {
			t.Errorf("/%s: %d, no reload script for build %s before </body>: %.200s", p, code, id, body[max(0, len(body)-600):])
		}
	}
	// Not for other hosts, not cached, and not added to anything but a page.
	if code, _ := getAs(t, base+".rolepack/build", "rebind.example:80"); code != http.StatusMisdirectedRequest {
		t.Errorf("build id to a foreign Host: %d", code)
	}
	resp, err := http.Get(base + "people/zoe-nunez.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" || resp.Header.Get("Last-Modified") != "" {
		t.Errorf("a page is cacheable: Cache-Control %q, Last-Modified %q", cc, resp.Header.Get("Last-Modified"))
	}
	for _, p := range []string{"style.css", "search.js", "files/roles-and-responsibilities.pdf"} {
		if code, body := get(t, base+p); code != 200 || strings.Contains(body, buildPath) {
			t.Errorf("/%s: %d, reload script %v", p, code, strings.Contains(body, buildPath))
		}
	}

	// A rebuild, failed or not, changes the id; the pages then carry the new one.
	people := filepath.Join(content, "people.toml")
	orig, _ := os.ReadFile(people)
	if err := os.WriteFile(people, bytes.Replace(orig, []byte("job_title ="), []byte("\"<b>\" = 1\njob_title ="), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	var failed string
	eventually(t, "a new build id", func() bool {
		_, failed = get(t, base+".rolepack/build")
		return failed != id
	})
	if code, body := get(t, base); code != 500 || !strings.Contains(body, reloadScript(failed)) {
		t.Errorf("the problem page: %d, no reload script for build %s: %.300s", code, failed, body)
	}
	if err := os.WriteFile(people, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the next build id", func() bool {
		_, now := get(t, base+".rolepack/build")
		return now != failed
	})
	_, now := get(t, base+".rolepack/build")
	if code, body := get(t, base); code != 200 || !strings.Contains(body, reloadScript(now)) {
		t.Errorf("after the fix: %d, no reload script for build %s", code, now)
	}
}

// The script is added as the page is served, never to the files: the site
// serve builds is byte for byte the one "rolepack build" writes, and a
// served page is its file with the script before </body>.
func TestServeBuildsWhatBuildWrites(t *testing.T) {
	base, content := startServe(t)
	served := filepath.Join(filepath.Dir(content), "out")
	built := filepath.Join(t.TempDir(), "out")
	var stderr bytes.Buffer
	if code := run([]string{"build", "-q", "--content", content, "--out", built}, io.Discard, &stderr); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	_, id := get(t, base+".rolepack/build")
	pages := 0
	err := filepath.WalkDir(filepath.Join(served, "site"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(served, p)
		got, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		want, err := os.ReadFile(filepath.Join(built, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the build's", rel)
		}
		if bytes.Contains(got, []byte(buildPath)) {
			t.Errorf("%s has the reload script on disk", rel)
		}
		if strings.HasSuffix(rel, ".html") && pages < 20 {
			pages++
			url := base + filepath.ToSlash(strings.TrimPrefix(rel, "site"+string(filepath.Separator)))
			if _, body := get(t, url); body != string(withReload(want, id)) {
				t.Errorf("%s is not its file with the script: %.200s", url, body)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 {
		t.Fatal("no pages compared")
	}
	for _, d := range []string{"roles-and-responsibilities.pdf", "rolepack.json"} {
		got, err1 := os.ReadFile(filepath.Join(served, d))
		want, err2 := os.ReadFile(filepath.Join(built, d))
		if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: differs from the build's (%v, %v)", d, err1, err2)
		}
	}
}

func TestWithReload(t *testing.T) {
	s := reloadScript("1-2")
	for _, c := range []struct{ page, want string }{
		{"<html><body>x</body></html>", "<html><body>x" + s + "</body></html>"},
		{"<p>no body end", "<p>no body end" + s},
		{"<body><pre>&lt;/body></pre></body>", "<body><pre>&lt;/body></pre>" + s + "</body>"},
		{"", s},
	} {
		if got := string(withReload([]byte(c.page), "1-2")); got != c.want {
			t.Errorf("withReload(%q) = %q, want %q", c.page, got, c.want)
		}
	}
}

// At most n connections are open at once; the next is accepted when one
// closes.
func TestLimitListener(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := limitListener(inner, 2)
	defer ln.Close()
	accepted := make(chan net.Conn, 3)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()
	for range 3 {
		c, err := net.Dial("tcp", inner.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	first, second := <-accepted, <-accepted
	select {
	case <-accepted:
		t.Fatal("a third connection accepted while two are open")
	case <-time.After(200 * time.Millisecond):
	}
	first.Close()
	first.Close() // a second Close frees no second slot
	select {
	case c := <-accepted:
		c.Close()
	case <-time.After(time.Minute):
		t.Fatal("the third connection not accepted after one closed")
	}
	second.Close()
	ln.Close()
	for range accepted {
	}
}

// serve serves the staff site by default: no workbook, no one's gaps; with
// --edition isms, the ISMS edition, which has both and says it is
// restricted.
func TestServeEditions(t *testing.T) {
	staff, _ := startServe(t)
	if code, _ := get(t, staff+"files/raci-and-competence.xlsx"); code != 404 {
		t.Errorf("staff site: the workbook answers %d, want 404", code)
	}
	if code, body := get(t, staff+"competence.html"); code != 200 || strings.Contains(body, "Filter people") || strings.Contains(body, `class="edition"`) {
		t.Errorf("staff site: competence.html %d, shows people or the ISMS banner", code)
	}
	isms, _ := startServeEdition(t, site.ISMS, nil)
	if code, _ := get(t, isms+"files/raci-and-competence.xlsx"); code != 200 {
		t.Errorf("ISMS edition: the workbook answers %d, want 200", code)
	}
	if code, body := get(t, isms+"competence.html"); code != 200 || !strings.Contains(body, "Filter people") || !strings.Contains(body, `class="edition"`) {
		t.Errorf("ISMS edition: competence.html %d, without people or the banner", code)
	}
}
