package ackservice

import (
	"crypto/hmac"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rolepack/rolepack/generator/ledger"
	"github.com/rolepack/rolepack/generator/messages"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/generator/textsafe"
)

// Limits of a request the service reads.
const (
	MaxBody = 4096 // bytes of a POST body
	MaxURL  = 2048 // bytes of a request's path and query
)

// Config is what a Service is set up with.
type Config struct {
	Secret []byte
	Ledger *ledger.Writer
	// Records are the ledger's records when it was opened (OpenLedger):
	// what "already acknowledged" is answered from.
	Records []ledger.Record
	// Origin is the service's public origin ("https://acks.example"), the
	// only one a POST may come from; empty takes the request's Host
	// ("http://" + Host).
	Origin string
	// SSOHeader names the header a trusted single-sign-on proxy sets to
	// the person's e-mail or id; SSOProxy is that proxy's IP address. Both
	// empty turn single sign-on off.
	SSOHeader, SSOProxy string
	Now                 func() time.Time // the clock; nil is time.Now
	Log                 io.Writer        // a line per record written and per refusal; nil is none
}

// Service is the acknowledgement service: an http.Handler.
type Service struct {
	cfg   Config
	state atomic.Pointer[state]

	mu   sync.Mutex
	done map[doneKey]ledger.Record // by person and text: what was acknowledged
	logs sync.Mutex
}

type doneKey struct{ person, text string }

// state is a loaded pack and its words, swapped whole by SetPack.
type state struct {
	pack       *model.Pack
	words      map[string]*messages.Catalogue
	translated sync.Map // language → *model.Pack (or error)
}

// New makes a service. It answers 503 until SetPack gives it a pack.
func New(cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Service{cfg: cfg, done: map[doneKey]ledger.Record{}}
	for _, r := range cfg.Records {
		if _, ok := s.done[doneKey{r.Person, r.Text}]; !ok {
			s.done[doneKey{r.Person, r.Text}] = r
		}
	}
	return s
}

// SetPack makes p the pack the service checks tokens against and shows
// texts from; words are the catalogues of its languages (nil: the built-in
// ones). Requests under way keep the pack they began with.
func (s *Service) SetPack(p *model.Pack, words map[string]*messages.Catalogue) {
	s.state.Store(&state{pack: p, words: words})
}

// OpenLedger opens the service's ledger for appending (ledger.Open: a
// torn last line is removed, a ledger that does not verify refused) and
// returns its records.
func OpenLedger(path string) (w *ledger.Writer, records []ledger.Record, repaired int, err error) {
	w, repaired, err = ledger.Open(path)
	if err != nil {
		return nil, nil, 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		w.Close()
		return nil, nil, 0, err
	}
	defer f.Close()
	c, err := ledger.Read(f)
	if err != nil {
		w.Close()
		return nil, nil, 0, err
	}
	return w, c.Records, repaired, nil
}

func (s *Service) words(st *state, lang string) *messages.Catalogue {
	if c := st.words[lang]; c != nil {
		return c
	}
	return messages.Builtin(lang)
}

// textPack is the pack whose text is in lang.
func (st *state) textPack(lang string) (*model.Pack, error) {
	if lang == TextLanguage(st.pack) {
		return st.pack, nil
	}
	if v, ok := st.translated.Load(lang); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.(*model.Pack), nil
	}
	q, err := st.pack.Translated(lang)
	if err != nil {
		st.translated.Store(lang, err)
		return nil, err
	}
	st.translated.Store(lang, q)
	return q, nil
}

// ServeHTTP answers GET and POST /a/<token> and, with single sign-on,
// GET and POST /sso; anything else is refused.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// The token is in the URL: no page of the service may pass it on.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	st := s.state.Load()
	if st == nil {
		http.Error(w, "503 the pack is not loaded yet", http.StatusServiceUnavailable)
		return
	}
	p := st.pack
	lang := TextLanguage(p)
	if len(r.URL.RawPath)+len(r.URL.Path)+len(r.URL.RawQuery) > MaxURL {
		s.refuse(w, st, lang, http.StatusRequestURITooLong, "ack.too_large", "URL too long")
		return
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/a/"):
		s.link(w, r, st, strings.TrimPrefix(r.URL.Path, "/a/"))
	case r.URL.Path == "/sso" && s.cfg.SSOHeader != "":
		s.sso(w, r, st)
	default:
		s.refuse(w, st, lang, http.StatusNotFound, "ack.not_found", "no such page")
	}
}

// ask is what a request asks to acknowledge, once verified.
type ask struct {
	person   *model.Person
	lang     string
	digest   string
	channel  string
	evidence string
	check    string // the form's check: an HMAC bound to the token (or the SSO identity and text)
}

func (s *Service) link(w http.ResponseWriter, r *http.Request, st *state, raw string) {
	p := st.pack
	lang := TextLanguage(p)
	if !s.method(w, r, st, lang) {
		return
	}
	t, err := Parse(s.cfg.Secret, raw, s.cfg.Now())
	switch {
	case errors.Is(err, ErrMalformed):
		s.refuse(w, st, lang, http.StatusBadRequest, "ack.invalid", "malformed token")
		return
	case errors.Is(err, ErrForged):
		s.refuse(w, st, lang, http.StatusForbidden, "ack.invalid", "token signature does not match")
		return
	case errors.Is(err, ErrExpired):
		s.refuse(w, st, t.Language, http.StatusGone, "ack.expired", "expired token "+t.ID)
		return
	}
	person := p.Person(t.Person)
	if person == nil || t.Document != p.Document.ID {
		s.refuse(w, st, t.Language, http.StatusGone, "ack.changed", "token "+t.ID+" names a person or document the pack no longer has")
		return
	}
	current, ok := p.AckDigestIn(person, t.Language)
	if !ok || current != t.Text || t.Version != p.Document.Version {
		s.refuse(w, st, t.Language, http.StatusGone, "ack.changed", "token "+t.ID+" is of another version or text")
		return
	}
	s.serveAsk(w, r, st, ask{person: person, lang: t.Language, digest: t.Text, channel: ledger.Link, evidence: t.Evidence(),
		check: hex.EncodeToString(mac(s.cfg.Secret, "form", []byte(raw)))})
}

func (s *Service) sso(w http.ResponseWriter, r *http.Request, st *state) {
	p := st.pack
	lang := TextLanguage(p)
	if !s.method(w, r, st, lang) {
		return
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	from := net.ParseIP(host)
	proxy := net.ParseIP(s.cfg.SSOProxy)
	if err != nil || from == nil || proxy == nil || !from.Equal(proxy) {
		// Only the proxy may say who someone is: the header of anyone
		// else is not looked at.
		s.refuse(w, st, lang, http.StatusForbidden, "ack.forbidden", "single sign-on request not from the configured proxy")
		return
	}
	values := r.Header.Values(s.cfg.SSOHeader)
	if len(values) != 1 || values[0] == "" || len(values[0]) > 320 {
		s.refuse(w, st, lang, http.StatusForbidden, "ack.unknown_person", "no single sign-on identity, or more than one")
		return
	}
	person := personByIdentity(p, values[0])
	if person == nil {
		s.refuse(w, st, lang, http.StatusForbidden, "ack.unknown_person", "single sign-on identity of no person in the pack")
		return
	}
	digest, ok := p.AckDigestIn(person, lang)
	if !ok {
		s.refuse(w, st, lang, http.StatusServiceUnavailable, "ack.unavailable", "no text for "+person.ID)
		return
	}
	if r.Method == http.MethodPost {
		// The text shown must still be the text: a form of an earlier
		// text is not an acknowledgement of this one.
		if !s.readForm(w, r, st, lang) {
			return
		}
		if r.PostForm.Get("text") != digest {
			s.refuse(w, st, lang, http.StatusGone, "ack.changed", "single sign-on form of another text")
			return
		}
	}
	s.serveAsk(w, r, st, ask{person: person, lang: lang, digest: digest, channel: ledger.SSO,
		evidence: "sso " + s.cfg.SSOHeader + " via " + proxy.String(),
		check:    hex.EncodeToString(mac(s.cfg.Secret, "sso", []byte(person.ID), []byte(digest)))})
}

// personByIdentity is the person whose id or e-mail (any case) is id.
func personByIdentity(p *model.Pack, id string) *model.Person {
	if q := p.Person(id); q != nil {
		return q
	}
	for _, q := range p.People {
		if q.Email != "" && strings.EqualFold(q.Email, id) {
			return q
		}
	}
	return nil
}

// method refuses any method but GET, HEAD and POST.
func (s *Service) method(w http.ResponseWriter, r *http.Request, st *state, lang string) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodPost:
		return true
	}
	w.Header().Set("Allow", "GET, HEAD, POST")
	method := r.Method
	if len(method) > 20 {
		method = method[:20] + "…"
	}
	s.refuse(w, st, lang, http.StatusMethodNotAllowed, "ack.method", "method "+method)
	return false
}

// readForm reads a POST's form: url-encoded, at most MaxBody bytes, from
// this site. It answers the refusal itself and reports whether to go on.
func (s *Service) readForm(w http.ResponseWriter, r *http.Request, st *state, lang string) bool {
	if r.PostForm != nil {
		return true
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		s.refuse(w, st, lang, http.StatusUnsupportedMediaType, "ack.bad_request", "POST not a form")
		return false
	}
	if !s.sameSite(r) {
		s.refuse(w, st, lang, http.StatusForbidden, "ack.forbidden", "cross-site POST")
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.refuse(w, st, lang, http.StatusRequestEntityTooLarge, "ack.too_large", "POST body too large")
		} else {
			s.refuse(w, st, lang, http.StatusBadRequest, "ack.bad_request", "POST body not a form")
		}
		return false
	}
	return true
}

// sameSite reports whether a POST comes from the service's own pages:
// a browser's Sec-Fetch-Site, Origin and Referer, where it sends them,
// must name this site.
func (s *Service) sameSite(r *http.Request) bool {
	if v := r.Header.Get("Sec-Fetch-Site"); v != "" && v != "same-origin" && v != "none" {
		return false
	}
	origin := s.cfg.Origin
	if origin == "" {
		origin = "http://" + r.Host
		if r.TLS != nil {
			origin = "https://" + r.Host
		}
	}
	if o := r.Header.Get("Origin"); o != "" {
		return strings.EqualFold(o, origin)
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		return err == nil && strings.EqualFold(u.Scheme+"://"+u.Host, origin)
	}
	return true
}

// serveAsk shows the text and the button (GET), or records the
// acknowledgement (POST); either shows the receipt when the person has
// acknowledged this text already.
func (s *Service) serveAsk(w http.ResponseWriter, r *http.Request, st *state, a ask) {
	words := s.words(st, a.lang)
	s.mu.Lock()
	earlier, already := s.done[doneKey{a.person.ID, a.digest}]
	s.mu.Unlock()
	if r.Method != http.MethodPost {
		if already {
			s.receipt(w, st, words, a.person, earlier, true, http.StatusOK)
			return
		}
		s.askPage(w, st, words, a)
		return
	}
	if !s.readForm(w, r, st, a.lang) {
		return
	}
	if got := r.PostForm.Get("check"); len(got) != len(a.check) || !hmac.Equal([]byte(got), []byte(a.check)) {
		s.refuse(w, st, a.lang, http.StatusForbidden, "ack.forbidden", "form check does not match")
		return
	}
	p := st.pack
	rec := ledger.Record{Person: a.person.ID, Document: p.Document.ID, Version: p.Document.Version, Language: a.lang,
		Text: a.digest, Time: ledger.Stamp(s.cfg.Now()), Channel: a.channel, Evidence: a.evidence}
	written, err := s.cfg.Ledger.AppendIf(rec, func(*ledger.Record) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		if e, ok := s.done[doneKey{a.person.ID, a.digest}]; ok {
			earlier = e
			return errAlready
		}
		return nil
	})
	switch {
	case errors.Is(err, errAlready):
		s.receipt(w, st, words, a.person, earlier, true, http.StatusConflict)
		return
	case err != nil:
		s.logf("not recorded for %s: %v", a.person.ID, err)
		s.refuse(w, st, a.lang, http.StatusServiceUnavailable, "ack.unavailable", "the ledger refused the record")
		return
	}
	s.mu.Lock()
	s.done[doneKey{a.person.ID, a.digest}] = written
	s.mu.Unlock()
	s.logf("recorded %d: %s, %s", written.N, written.Person, written.Evidence)
	s.receipt(w, st, words, a.person, written, false, http.StatusOK)
}

var errAlready = errors.New("already acknowledged")

func (s *Service) logf(format string, args ...any) {
	if s.cfg.Log == nil {
		return
	}
	s.logs.Lock()
	defer s.logs.Unlock()
	// What a request brings (a method, an id) is escaped: no request can
	// forge a line of the log or drive a terminal.
	fmt.Fprintf(s.cfg.Log, "%s %s\n", time.Now().UTC().Format(time.RFC3339), textsafe.Line(fmt.Sprintf(format, args...)))
}

// refuse answers status with a page of message key, and logs why (what
// the log says holds no token and no secret).
func (s *Service) refuse(w http.ResponseWriter, st *state, lang string, status int, key, why string) {
	s.logf("refused %d: %s", status, why)
	words := s.words(st, lang)
	s.render(w, status, page{Lang: words.Lang(), Title: words.Text("ack.error_title"), Message: words.Text(key)})
}

// page is what the one template shows.
type page struct {
	Lang, Title, Intro, Message string
	Facts                       []Fact
	Statement, Button, Check    string
	Digest                      string // the text's digest, a hidden field of the SSO form
	Receipt                     []Fact
}

// Fact is a line of the text a person acknowledges, worded: its label,
// its value, and how deep it lies (0 a seat, 1 a duty of it, 2 a detail
// of the duty).
type Fact struct {
	Label, Value string
	Depth        int
}

func (s *Service) askPage(w http.ResponseWriter, st *state, words *messages.Catalogue, a ask) {
	p := st.pack
	tp, err := st.textPack(a.lang)
	var person *model.Person
	if err == nil {
		person = tp.Person(a.person.ID)
	}
	if person == nil {
		s.refuse(w, st, a.lang, http.StatusServiceUnavailable, "ack.unavailable", "no text in "+a.lang+" for "+a.person.ID)
		return
	}
	pg := page{
		Lang: words.Lang(), Title: words.Text("ack.title"),
		Intro:     words.Text("ack.intro", "person", a.person.Name, "id", p.Document.ID, "version", p.Document.Version),
		Facts:     Facts(words, tp.AckText(person)),
		Statement: words.Text("brief.statement", "id", p.Document.ID, "version", p.Document.Version),
		Button:    words.Text("ack.button"), Check: a.check,
	}
	if a.channel == ledger.SSO {
		pg.Digest = a.digest
	}
	s.render(w, http.StatusOK, pg)
}

func (s *Service) receipt(w http.ResponseWriter, st *state, words *messages.Catalogue, person *model.Person, rec ledger.Record, already bool, status int) {
	pg := page{Lang: words.Lang(), Title: words.Text("ack.done_title"), Message: words.Text("ack.keep")}
	if already {
		pg.Title, pg.Message = words.Text("ack.already_title"), words.Text("ack.already")
	}
	pg.Receipt = []Fact{
		{Label: words.Text("ack.receipt_name"), Value: person.Name},
		{Label: words.Text("ack.receipt_record"), Value: fmt.Sprint(rec.N)},
		{Label: words.Text("ack.receipt_time"), Value: rec.Time},
		{Label: words.Text("ack.receipt_hash"), Value: rec.Hash},
	}
	s.render(w, status, pg)
}

// Facts are the lines of an acknowledgement text (model.Pack.AckText)
// with their keys worded in words' language; the first line, the text's
// form, is left out.
func Facts(words *messages.Catalogue, text string) []Fact {
	var facts []Fact
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for _, line := range lines[1:] {
		trimmed := strings.TrimLeft(line, " ")
		key, value, ok := strings.Cut(trimmed, ": ")
		if !ok {
			continue
		}
		facts = append(facts, Fact{Label: words.Text("ack.fact." + strings.ReplaceAll(key, " ", "_")), Value: value, Depth: (len(line) - len(trimmed)) / 2})
	}
	return facts
}

var tmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em;line-height:1.4}
.f{margin:.2em 0}.d1{margin-left:1.5em}.d2{margin-left:3em}.d3{margin-left:4.5em}
button{font-size:1.1em;padding:.5em 1em;margin-top:1em}th{text-align:left;padding-right:1em}td{word-break:break-all}</style></head>
<body><h1>{{.Title}}</h1>
{{if .Intro}}<p>{{.Intro}}</p>{{end}}
{{range .Facts}}<p class="f d{{.Depth}}"><strong>{{.Label}}:</strong> {{.Value}}</p>
{{end}}{{if .Message}}<p>{{.Message}}</p>{{end}}
{{if .Receipt}}<table>{{range .Receipt}}<tr><th>{{.Label}}</th><td>{{.Value}}</td></tr>{{end}}</table>{{end}}
{{if .Button}}<form method="post"><p>{{.Statement}}</p><input type="hidden" name="check" value="{{.Check}}">{{if .Digest}}<input type="hidden" name="text" value="{{.Digest}}">{{end}}<button type="submit">{{.Button}}</button></form>{{end}}
</body></html>
`))

func (s *Service) render(w http.ResponseWriter, status int, pg page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = tmpl.Execute(w, pg)
}
