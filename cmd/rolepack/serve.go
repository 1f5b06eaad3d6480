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
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rolepack/rolepack/generator/build"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/site"
	"github.com/rolepack/rolepack/generator/textsafe"
	"github.com/rolepack/rolepack/internal/crash"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [--addr 127.0.0.1:8080] [--public] [--edition staff|isms] [--content DIR] [--out DIR]",
		`Build the pack, serve the site on loopback, and rebuild whenever a source
changes. It serves output/site, the staff intranet: the pages and the
downloads they link (the PDF, the sign-off sheets and the Word file, copied
into the site by the same build); with --edition isms, output/isms, the ISMS
edition with everyone's competence records, the training plan, the audit
findings and the workbook. /favicon.ico is the site's icon. When a build fails, the browser shows the problems (file:line and
message) until they are fixed; the previous good output stays on disk.
Open pages reload themselves when a rebuild finishes: serve adds a small
script to the pages it serves, never to the files it builds. A port in use
is misuse (exit 2): choose another with --addr. Stop with Ctrl-C.

The address must be a loopback one (127.0.0.0/8, ::1 or localhost) unless
--public is given. Requests are answered only when their Host header names
this server (localhost, 127.0.0.1 or [::1] with the port; with --public also
the machine's hostname and interface addresses); others get 421, so a web
page cannot reach the server through DNS rebinding. Directories without an
index.html are not listed.`, stdout)
	addr := fs.String("addr", "127.0.0.1:8080", "the `ADDRESS` to listen on (loopback unless --public)")
	public := fs.Bool("public", false, "allow a non-loopback --addr: other machines can read the site, without authentication or encryption")
	content := fs.String("content", "content", "the pack's source `DIR`")
	out := fs.String("out", "output", "the output `DIR`")
	editionName := fs.String("edition", "staff", "the site `EDITION` to serve: staff (output/site) or isms (output/isms, restricted)")
	if _, err := parse(fs, args, 0); err != nil {
		return err
	}
	var edition site.Edition
	switch *editionName {
	case "staff":
		edition = site.Staff
	case "isms":
		edition = site.ISMS
	default:
		return misuse("--edition must be staff or isms, not %q", *editionName)
	}
	if err := build.CheckDirs(*out, *content); err != nil {
		return misuse("%s", err.Error())
	}
	ln, host, err := listen(*addr, *public, stderr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s := &server{content: *content, out: *out, edition: edition, log: stderr, hosts: allowedHosts(ln.Addr(), host, *public), started: time.Now().UnixNano()}
	s.rebuild()
	fmt.Fprintf(stdout, "serving %s on http://%s/ (Ctrl-C to stop)\n", filepath.Join(*out, edition.Dir()), ln.Addr())
	return s.serve(ctx, ln)
}

// listen listens on addr after checkListenAddr's checks (loopback
// unless public), and returns the listener and addr's host. A port in use
// and an address that resolved beyond this machine are misuse. serve and
// acks serve share it.
func listen(addr string, public bool, stderr io.Writer) (net.Listener, string, error) {
	host, err := checkListenAddr(addr, public, stderr)
	if err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if addrInUse(err) {
			_, port, _ := net.SplitHostPort(addr)
			if n, err := strconv.Atoi(port); err == nil && n > 0 && n < 65535 {
				return nil, "", misuse("port %s is in use: choose another with --addr (for example --addr %s)", port, net.JoinHostPort(host, strconv.Itoa(n+1)))
			}
			return nil, "", misuse("port %s is in use: choose another with --addr", port)
		}
		return nil, "", misuse("cannot listen on %s: %v", addr, err)
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); !public && (!ok || !tcp.IP.IsLoopback()) {
		ln.Close() // "localhost" resolved to an address beyond this machine
		return nil, "", misuse("--addr %s listens on %s, which is not a loopback address: use 127.0.0.1:PORT, or add --public", addr, ln.Addr())
	}
	return ln, host, nil
}

// addrInUse reports whether a listen failed because another program has
// the port.
func addrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) || errors.Is(err, wsaeaddrinuse)
}

// checkListenAddr refuses an address that is not loopback unless public is
// set, in which case it warns on stderr. It returns the address's host.
// An empty host (":8080") and the unspecified addresses (0.0.0.0, ::) listen
// on every interface, so they are not loopback.
func checkListenAddr(addr string, public bool, stderr io.Writer) (string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", misuse("--addr %q: %v (use HOST:PORT, for example 127.0.0.1:8080)", addr, err)
	}
	if isLoopbackHost(host) {
		return host, nil
	}
	if !public {
		what := host
		if what == "" {
			what = "an empty host"
		}
		return "", misuse("--addr %s would serve the site beyond this machine (%s is not a loopback address): use 127.0.0.1:PORT, or add --public to serve it to the network on purpose", addr, what)
	}
	fmt.Fprintf(stderr, "rolepack serve: warning: --public: the site on %s can be read by anyone who can reach this machine, without authentication or encryption\n", addr)
	return host, nil
}

// isLoopbackHost reports whether host names this machine only.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// allowedHosts lists the Host header values ("name:port", lower case) the
// server answers to: the listen host, localhost, 127.0.0.1 and [::1]; when
// public, also the machine's hostname and the addresses of its interfaces.
func allowedHosts(listen net.Addr, listenHost string, public bool) map[string]bool {
	port := "0"
	names := []string{"localhost", "127.0.0.1", "::1"}
	if tcp, ok := listen.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
		if !tcp.IP.IsUnspecified() {
			names = append(names, tcp.IP.String())
		}
	}
	if listenHost != "" {
		names = append(names, listenHost)
	}
	if public {
		if h, err := os.Hostname(); err == nil && h != "" {
			names = append(names, h)
		}
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if ipnet, ok := a.(*net.IPNet); ok {
					names = append(names, ipnet.IP.String())
				}
			}
		}
	}
	hosts := map[string]bool{}
	for _, n := range names {
		hosts[net.JoinHostPort(strings.ToLower(n), port)] = true
	}
	return hosts
}

// hostAllowed reports whether a request's Host header is one of hosts; a
// Host without a port means port 80.
func hostAllowed(hosts map[string]bool, host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"), "80"
	}
	return name != "" && hosts[net.JoinHostPort(strings.ToLower(name), port)]
}

// noListing serves a directory only through its index.html: a directory
// without one is reported as missing, so http.FileServer answers 404
// instead of listing it.
type noListing struct{ http.FileSystem }

func (n noListing) Open(name string) (http.File, error) {
	f, err := n.FileSystem.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if info.IsDir() {
		index, err := n.FileSystem.Open(path.Join(name, "index.html"))
		if err != nil {
			f.Close()
			return nil, fs.ErrNotExist
		}
		index.Close()
	}
	return f, nil
}

// server serves the built site, or the last build's problems, to requests
// addressed to one of hosts.
type server struct {
	content, out string
	edition      site.Edition // the site edition served
	log          io.Writer
	hosts        map[string]bool // see allowedHosts; nil answers nothing

	mu      sync.Mutex
	problem string // the last build's error output; "" when it succeeded
	builds  int    // rebuilds finished, failed ones included: see buildID
	started int64  // when the server started (Unix nanoseconds): see buildID

	// built is the sources' fingerprint as the last build began to read
	// them; watch rebuilds whenever the sources differ from it. Taken
	// before the build, not when watching starts, so that an edit made
	// during a build, or before the watcher's first look, is never
	// missed. Only rebuild and watch use it, one after the other.
	built string
}

func (s *server) rebuild() {
	s.built = fingerprint(s.content)
	var errs bytes.Buffer
	// Guarded as a whole, so that no failure of any kind, a panic
	// outside the renderers included, stops the server: it shows the
	// error page and keeps the last good output.
	err := crash.Guard("", "", func() error {
		// The site, which brings the documents it links (the PDF, the
		// sign-off sheets, the workbook and the Word file, copied into
		// the site by the same build). The per-person files are not on
		// the site, and a large pack has thousands: they are left to
		// "rolepack build".
		o := pipelineOptions(s.content, s.out)
		o.Only = []string{s.edition.Name()}
		res, err := pipeline.Build(context.Background(), o)
		if res.Loaded != nil {
			printWarnings(&errs, s.content, res.Pack)
		}
		var blocked *pipeline.BlockedError
		switch {
		case errors.As(err, &blocked):
			printFindings(&errs, s.content, blocked.Report)
			return errors.New("the document is approved but has audit errors")
		case err != nil && res.Loaded == nil:
			return loadError(s.content, err, &errs)
		}
		return err
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.builds++
	if err != nil {
		s.problem = errs.String() + err.Error()
		fmt.Fprintf(s.log, "%s build failed:\n%s\n", time.Now().Format("15:04:05"), textsafe.Text(s.problem))
		return
	}
	s.problem = ""
	fmt.Fprintf(s.log, "%s built\n", time.Now().Format("15:04:05"))
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !hostAllowed(s.hosts, r.Host) {
		// A browser led here by DNS rebinding sends the attacker's name.
		http.Error(w, "421 misdirected request: this server answers only to localhost, 127.0.0.1 or [::1] with its port (rolepack serve)", http.StatusMisdirectedRequest)
		return
	}
	if r.URL.Path == buildPath {
		// What the open pages poll: they reload when it changes.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, s.buildID())
		return
	}
	s.mu.Lock()
	problem := s.problem
	s.mu.Unlock()
	if problem != "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2em"><h1>The pack has problems</h1>
<p>Fix them and save: the page reloads when the next build is done.</p><pre style="background:#fde8e8; padding:1em; white-space:pre-wrap">%s</pre>%s</body></html>`,
			html.EscapeString(problem), reloadScript(s.buildID()))
		return
	}
	if r.URL.Path == "/favicon.ico" {
		// Browsers ask for /favicon.ico before reading the page's icon link.
		w.Header().Set("Content-Type", "image/svg+xml")
		http.ServeFile(w, r, filepath.Join(s.out, s.edition.Dir(), "favicon.svg"))
		return
	}
	root := noListing{http.Dir(filepath.Join(s.out, s.edition.Dir()))}
	if s.servePage(w, r, root) {
		return
	}
	http.FileServer(root).ServeHTTP(w, r)
}

// buildPath is where the pages serve serves ask whether a build has
// finished since. No page of a site can have this name: the site writes
// no file or folder whose name begins with a dot.
const buildPath = "/.rolepack/build"

// buildID names the last finished build, so that a page can tell whether
// a build finished since it was served: the server's start makes it
// change across a restart too.
func (s *server) buildID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("%d-%d", s.started, s.builds)
}

// reloadScript is the script serve adds to every page it serves (never to
// the files it builds): it asks buildPath once a second, and reloads the
// page when a build finished after the one the page was served from
// (id). While the server is away it asks every five seconds.
func reloadScript(id string) string {
	return `<script>/* added by rolepack serve, not part of the site: reloads the page after a rebuild */
(function () {
  var built = "` + id + `";
  function ask() {
    fetch("` + buildPath + `", {cache: "no-store"}).then(function (r) {
      return r.ok ? r.text() : built;
    }).then(function (id) {
      if (id !== built) { location.reload(); } else { setTimeout(ask, 1000); }
    }, function () { setTimeout(ask, 5000); });
  }
  setTimeout(ask, 1000);
})();
</script>
`
}

// servePage serves an HTML page of the site with reloadScript added
// before its </body>, and reports whether it did; anything else (other
// files, redirects, what is missing) is left to http.FileServer. The page
// is not cached: a cached copy would carry the build id of an older build
// and reload for ever.
func (s *server) servePage(w http.ResponseWriter, r *http.Request, root http.FileSystem) bool {
	name := r.URL.Path
	switch {
	case strings.HasSuffix(name, "/"):
		name += "index.html"
	case strings.HasSuffix(name, "/index.html"):
		return false // http.FileServer redirects it to "./"
	case !strings.HasSuffix(name, ".html"):
		return false
	}
	id := s.buildID() // before the page is read: a build in between reloads once more, never once less
	f, err := root.Open(path.Clean("/" + name))
	if err != nil {
		return false
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || info.IsDir() {
		return false
	}
	page, err := io.ReadAll(f)
	if err != nil {
		return false
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(withReload(page, id)))
	return true
}

// withReload is page with reloadScript(id) before its last </body>, or at
// its end when it has none.
func withReload(page []byte, id string) []byte {
	script := []byte(reloadScript(id))
	at := bytes.LastIndex(page, []byte("</body>"))
	if at < 0 {
		return append(slices.Clone(page), script...)
	}
	return slices.Concat(page[:at], script, page[at:])
}

// serve runs the HTTP server and a watcher until ctx ends.
func (s *server) serve(ctx context.Context, ln net.Listener) error {
	// Each open page asks buildPath once a second over its keep-alive
	// connection; idle ones close after a minute, and at most
	// maxConnections are open at once (others wait to be accepted).
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	ln = limitListener(ln, maxConnections)
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

// maxConnections bounds the connections serve holds open at once.
const maxConnections = 64

// limitListener accepts at most n connections at a time: Accept waits
// until one of them is closed.
func limitListener(ln net.Listener, n int) net.Listener {
	return &limited{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

type limited struct {
	net.Listener
	slots     chan struct{}
	done      chan struct{}
	closeOnce sync.Once
}

func (l *limited) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, release: func() { <-l.slots }}, nil
}

func (l *limited) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// watch polls the sources (names, sizes and modification times) twice a
// second and rebuilds when they change; polling needs no platform support.
func (s *server) watch(ctx context.Context) {
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if fingerprint(s.content) != s.built {
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
