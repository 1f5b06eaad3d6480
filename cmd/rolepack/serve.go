package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/rolepack/rolepack/generator/build"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--addr 127.0.0.1:8080] [--content DIR] [--out DIR]",
		`Build the pack, serve the site on loopback, and rebuild whenever a source
changes. When a build fails, the browser shows the problems (file:line and
message) until they are fixed; the previous good output stays on disk.
Stop with Ctrl-C.`, stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "the `ADDRESS` to listen on")
	content := fs.String("content", "content", "the pack's source `DIR`")
	out := fs.String("out", "output", "the output `DIR`")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	if err := build.CheckDirs(*out, *content); err != nil {
		return misuse("%s", err.Error())
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return misuse("cannot listen on %s: %v", *addr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s := &server{content: *content, out: *out, log: stderr}
	s.rebuild()
	fmt.Fprintf(stdout, "serving %s on http://%s/ (Ctrl-C to stop)\n", filepath.Join(*out, site.Dir), ln.Addr())
	return s.serve(ctx, ln)
}

// server serves the built site, or the last build's problems.
type server struct {
	content, out string
	log          io.Writer

	mu      sync.Mutex
	problem string // the last build's error output; "" when it succeeded
}

func (s *server) rebuild() {
	var errs bytes.Buffer
	err := func() error {
		l, err := load(s.content, &errs)
		if err != nil {
			return err
		}
		if l.report.Blocking(l.pack.Document.Status) {
			printFindings(&errs, s.content, l.report)
			return errors.New("the document is approved but has audit errors")
		}
		_, err = build.Run(build.Options{Out: s.out, Content: s.content, Outputs: l.outputs(map[string]bool{"json": true, "site": true})})
		return err
	}()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		s.problem = errs.String() + err.Error()
		fmt.Fprintf(s.log, "%s build failed:\n%s\n", time.Now().Format("15:04:05"), textsafe.Text(s.problem))
		return
	}
	s.problem = ""
	fmt.Fprintf(s.log, "%s built\n", time.Now().Format("15:04:05"))
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	problem := s.problem
	s.mu.Unlock()
	if problem != "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2em"><h1>The pack has problems</h1>
<p>Fix them and save: the page reloads on the next request.</p><pre style="background:#fde8e8; padding:1em; white-space:pre-wrap">%s</pre></body></html>`,
			html.EscapeString(problem))
		return
	}
	http.FileServer(http.Dir(filepath.Join(s.out, site.Dir))).ServeHTTP(w, r)
}

// serve runs the HTTP server and a watcher until ctx ends.
func (s *server) serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.watch(ctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	case err := <-errc:
		return err
	}
}

// watch polls the sources (names, sizes and modification times) twice a
// second and rebuilds when they change; polling needs no platform support.
func (s *server) watch(ctx context.Context) {
	last := fingerprint(s.content)
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if now := fingerprint(s.content); now != last {
				last = now
				s.rebuild()
			}
		}
	}
}

func fingerprint(dir string) string {
	var b bytes.Buffer
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}
