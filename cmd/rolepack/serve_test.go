package main

import (
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
	t.Setenv("SOURCE_DATE_EPOCH", "1795478400")
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := writePack(rolepack.ExamplePack(), content); err != nil {
		t.Fatal(err)
	}
	s := &server{content: content, out: filepath.Join(root, "out"), log: io.Discard}
	s.rebuild()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
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
	deadline := time.Now().Add(15 * time.Second)
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
	if err := os.WriteFile(people, bytes.Replace(orig, []byte("Zoë Ñúñez"), []byte("Zoë Ñúñez-Renamed"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the rebuilt site", func() bool {
		code, body := get(t, base+"people/zoe-nunez.html")
		return code == 200 && strings.Contains(body, "Zoë Ñúñez-Renamed")
	})
}
