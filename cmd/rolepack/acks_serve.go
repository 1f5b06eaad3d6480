package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rolepack/rolepack/generator/ackservice"
	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/pipeline"
	"github.com/rolepack/rolepack/generator/textsafe"
)

func init() {
	registerAcks("serve", "collect acknowledgements through personal links (and single sign-on)", runAcksServe)
}

func runAcksServe(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("acks serve", "acks serve --secret-file FILE --ledger FILE [--content DIR] [--addr 127.0.0.1:8090] [--public] [--base-url URL] [--sso-header NAME --sso-proxy IP]",
		`Serve the pages the personal links of "rolepack acks links" open: GET
/a/<token> shows the person the text of their duties and one "I have read
and understood" button; its POST appends one record to the service's own
ledger (--ledger, synced to the disk before the receipt is shown) and shows
the receipt. A link that is forged, altered, expired or of another text or
version, a second acknowledgement of the same text, a POST from another
site and an oversized or malformed request are refused, and nothing is
written. Start the service's ledger as a copy of the pack's
acknowledgements.jsonl; bring its records back with "rolepack acks export"
and "rolepack acks merge".

The address must be a loopback one unless --public is given; run it behind
the intranet's reverse proxy, which terminates TLS. Requests are answered
only when their Host header names this server or --base-url's host.
With --sso-header and --sso-proxy, GET /sso shows the text of the person
whose id or e-mail the header names, for requests from the proxy's address
only (the header of anyone else is ignored: 403).

The pack is loaded again when its sources change (checked every two
seconds) and on SIGHUP; a pack that no longer loads keeps the last good
one. Stop with Ctrl-C (or SIGTERM).

Exit codes: 0 stopped, 1 the pack or the ledger has problems, 2 misuse.`, stdout)
	content := flags.String("content", "content", "the pack's source `DIR`")
	secretFile := flags.String("secret-file", "", "the `FILE` holding the links' secret, outside the pack")
	ledgerPath := flags.String("ledger", "", "the service's own ledger `FILE` (start it as a copy of the pack's acknowledgements.jsonl)")
	addr := flags.String("addr", "127.0.0.1:8090", "the `ADDRESS` to listen on (loopback unless --public)")
	public := flags.Bool("public", false, "allow a non-loopback --addr (for a reverse proxy on another machine)")
	baseURL := flags.String("base-url", "", "the links' public `URL`: a POST must come from its origin, and its host is answered")
	ssoHeader := flags.String("sso-header", "", "the `NAME` of the header a single-sign-on proxy sets to the person's id or e-mail")
	ssoProxy := flags.String("sso-proxy", "", "the `IP` address of that proxy: the only one whose header is believed")
	if _, err := parse(flags, args, 0); err != nil {
		return err
	}
	if *secretFile == "" || *ledgerPath == "" {
		return misuse("acks serve needs --secret-file FILE and --ledger FILE")
	}
	if (*ssoHeader == "") != (*ssoProxy == "") {
		return misuse("--sso-header and --sso-proxy go together")
	}
	if *ssoProxy != "" && net.ParseIP(*ssoProxy) == nil {
		return misuse("--sso-proxy %q is not an IP address", *ssoProxy)
	}
	if *ssoHeader != "" && http.CanonicalHeaderKey(*ssoHeader) == "" {
		return misuse("--sso-header %q is not a header name", *ssoHeader)
	}
	origin := ""
	var extraHost string
	if *baseURL != "" {
		u, err := ackservice.CheckBaseURL(*baseURL)
		if err != nil {
			return misuse("%s", err.Error())
		}
		origin, extraHost = u.Scheme+"://"+u.Host, u.Host
		if u.Port() == "" {
			extraHost = net.JoinHostPort(u.Hostname(), map[string]string{"http": "80", "https": "443"}[u.Scheme])
		}
	}
	secret, err := ackservice.ReadSecret(*secretFile, *content)
	if err != nil {
		return misuse("%s", err.Error())
	}
	if ackservice.Inside(*ledgerPath, *content) {
		return misuse("--ledger %s is inside the pack's content directory: the service keeps a ledger of its own (rolepack acks merge brings its records into the pack)", *ledgerPath)
	}
	// Listen first: a bad address is misuse, found before anything is
	// loaded or opened.
	ln, host, err := listen(*addr, *public, stderr)
	if err != nil {
		return err
	}
	defer ln.Close()
	l, err := pipeline.Load(context.Background(), pipelineOptions(*content, ""))
	if err != nil {
		return loadError(*content, err, stderr)
	}
	printWarnings(stderr, *content, l.Pack)
	w, records, repaired, err := ackservice.OpenLedger(*ledgerPath)
	var broken *ledger.BrokenError
	switch {
	case errors.As(err, &broken):
		return failed("%v", err)
	case err != nil:
		return failed("%s: %v", *ledgerPath, err)
	}
	defer w.Close()
	if repaired > 0 {
		fmt.Fprintf(stderr, "%s: removed line %d, cut short by a crash\n", textsafe.Line(*ledgerPath), repaired)
	}
	var logMu sync.Mutex
	log := &lockedWriter{w: stderr, mu: &logMu}
	svc := ackservice.New(ackservice.Config{Secret: secret, Ledger: w, Records: records, Origin: origin,
		SSOHeader: *ssoHeader, SSOProxy: *ssoProxy, Log: log})
	svc.SetPack(l.Pack, l.Words)

	hosts := allowedHosts(ln.Addr(), host, *public)
	if extraHost != "" {
		hosts[strings.ToLower(extraHost)] = true
	}
	handler := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if !hostAllowed(hosts, r.Host) {
			http.Error(rw, "421 misdirected request: this server does not answer to that host name", http.StatusMisdirectedRequest)
			return
		}
		svc.ServeHTTP(rw, r)
	})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go reloadPack(ctx, *content, svc, log)
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 20 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute, MaxHeaderBytes: 8 << 10}
	fmt.Fprintf(stdout, "collecting acknowledgements on http://%s/ into %s (Ctrl-C to stop)\n", ln.Addr(), textsafe.Line(*ledgerPath))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(limitListener(ln, maxConnections)) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	case err := <-errc:
		return err
	}
}

// reloadPack loads the pack again when its sources change (polled every
// two seconds, as serve's fingerprint sees them) or on SIGHUP, and gives
// the service the new pack; a pack that does not load keeps the old one.
func reloadPack(ctx context.Context, content string, svc *ackservice.Service, log io.Writer) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	seen := fingerprint(content)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
		case <-t.C:
			if fingerprint(content) == seen {
				continue
			}
		}
		seen = fingerprint(content)
		l, err := pipeline.Load(ctx, pipelineOptions(content, ""))
		if err != nil {
			fmt.Fprintf(log, "%s the pack does not load; still serving the last good one:\n", time.Now().UTC().Format(time.RFC3339))
			_ = loadError(content, err, log)
			continue
		}
		svc.SetPack(l.Pack, l.Words)
		fmt.Fprintf(log, "%s the pack is loaded again (version %s)\n", time.Now().UTC().Format(time.RFC3339), textsafe.Line(l.Pack.Document.Version))
	}
}

// lockedWriter serialises the writes of the service's goroutines.
type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
