// Package ackservice is the collection side of the acknowledgement
// ledger (docs/acknowledgements.md): personal links signed with a secret
// kept outside the pack (Token), the CSV of them for mail-merge (Links),
// the small web service that shows a person their duties and appends
// their acknowledgement to a ledger of its own (Service), and the way its
// records come back into the pack (Export, Merge).
//
// A token proves that whoever holds the secret issued a link for this
// person, this document's version and this exact text, valid until its
// expiry; it holds ids and digests only, never a name or an address.
package ackservice

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Token is what a personal link carries, signed.
type Token struct {
	Person   string `json:"p"` // the person's id
	Document string `json:"d"` // the document's id
	Version  string `json:"v"` // the version they are asked to acknowledge
	Language string `json:"l"` // the language of the text
	Text     string `json:"t"` // the digest of the text (model.Pack.AckDigestIn)
	Expires  int64  `json:"e"` // Unix seconds, UTC
	ID       string `json:"i"` // random, the record's evidence ("token <ID>")
}

// Limits of tokens and secrets.
const (
	MaxToken  = 1024 // bytes of a token as a link carries it
	MinSecret = 32   // bytes a secret must have at least
	maxSecret = 4096 // bytes of a secret file read at most
)

// Why a token is refused. A forged and an altered token are the same
// thing to the service: the signature does not match.
var (
	ErrMalformed = errors.New("the link is not a token")
	ErrForged    = errors.New("the link's signature does not match: it was altered, or not issued with this secret")
	ErrExpired   = errors.New("the link has expired")
)

// Sign returns t as a link's token: base64url of its JSON, a dot, and
// base64url of the HMAC-SHA256 of that JSON with secret.
func Sign(secret []byte, t Token) string {
	payload, _ := json.Marshal(t) // strings and an int: cannot fail
	return base64.RawURLEncoding.EncodeToString(payload) + "." + base64.RawURLEncoding.EncodeToString(mac(secret, "token", payload))
}

// Parse verifies s with secret and returns its token; a token past its
// expiry at now is ErrExpired (after its signature verified: the answer
// to a forged token never says whether it would have expired).
func Parse(secret []byte, s string, now time.Time) (Token, error) {
	var t Token
	if len(s) == 0 || len(s) > MaxToken {
		return t, ErrMalformed
	}
	p, sig, ok := strings.Cut(s, ".")
	if !ok {
		return t, ErrMalformed
	}
	payload, err1 := base64.RawURLEncoding.DecodeString(p)
	got, err2 := base64.RawURLEncoding.DecodeString(sig)
	if err1 != nil || err2 != nil {
		return t, ErrMalformed
	}
	if !hmac.Equal(got, mac(secret, "token", payload)) {
		return t, ErrForged
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil || dec.More() {
		return Token{}, ErrMalformed
	}
	if t.Person == "" || t.Document == "" || t.Version == "" || t.Language == "" || t.Text == "" || t.ID == "" {
		return Token{}, ErrMalformed
	}
	if now.Unix() >= t.Expires {
		return t, ErrExpired
	}
	return t, nil
}

// mac is the HMAC-SHA256 of data with secret, for one purpose: a token's
// signature and a form's check are never each other's.
func mac(secret []byte, purpose string, data ...[]byte) []byte {
	m := hmac.New(sha256.New, secret)
	io.WriteString(m, "rolepack acks "+purpose+"\x00")
	for _, d := range data {
		fmt.Fprintf(m, "%d:", len(d))
		m.Write(d)
	}
	return m.Sum(nil)
}

// NewID is a random token id: 16 bytes, hex.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// ReadSecret reads the secret at path: at least MinSecret bytes, and
// kept outside the pack's content directory (a secret in the pack would
// be in its repository and its outputs). The error never holds the
// secret.
func ReadSecret(path, content string) ([]byte, error) {
	if Inside(path, content) {
		return nil, fmt.Errorf("the secret file %s is inside the pack's content directory %s: keep it outside the pack (and its repository)", path, content)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the secret file: %v", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSecret+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the secret file %s: %v", path, err)
	}
	b = bytes.TrimRight(b, "\r\n")
	switch {
	case len(b) > maxSecret:
		return nil, fmt.Errorf("the secret file %s is longer than %d bytes: is it the right file?", path, maxSecret)
	case len(b) < MinSecret:
		return nil, fmt.Errorf("the secret in %s is shorter than %d bytes: make one with rolepack acks links --new-secret FILE", path, MinSecret)
	}
	return b, nil
}

// NewSecret writes a new random secret (32 bytes, as 64 hex digits) to a
// file that must not exist yet, readable by its owner only.
func NewSecret(path, content string) error {
	if Inside(path, content) {
		return fmt.Errorf("the secret file %s would be inside the pack's content directory %s: keep it outside the pack (and its repository)", path, content)
	}
	var b [32]byte
	_, _ = rand.Read(b[:])
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("cannot create the secret file: %v", err)
	}
	if _, err := io.WriteString(f, hex.EncodeToString(b[:])+"\n"); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Inside reports whether path is in dir or one of its subdirectories,
// following symbolic links where they exist.
func Inside(path, dir string) bool {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return r
		}
		// The file may not exist yet: resolve its directory.
		if r, err := filepath.EvalSymlinks(filepath.Dir(a)); err == nil {
			return filepath.Join(r, filepath.Base(a))
		}
		return a
	}
	p, d := abs(path), abs(dir)
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Evidence is a link record's evidence: the token's id.
func (t Token) Evidence() string { return "token " + t.ID }
