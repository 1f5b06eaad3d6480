// Package acks is what rolepack's acknowledgement commands do with the
// ledger (docs/acknowledgements.md), apart from the signed links and the
// collection service: who must still acknowledge (Pending), whether every
// record is of the text its version gave the person (Verify), and the
// records a signed paper sheet (Paper) or another tool's completion report
// (Import) adds. The ledger's format is generator/ledger's; whom
// RP-COMM-01 asks is generator/check's (check.Acknowledgements).
package acks

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/rolepack/rolepack/generator/history"
	"github.com/rolepack/rolepack/generator/model"
	"github.com/rolepack/rolepack/internal/typo"
)

// Texts gives the digest of a person's text at any version of the pack:
// the current version's from the pack itself, an earlier one's from the
// pack at that version's [[revision]] git_ref, read once per version.
type Texts struct {
	Content string // the content directory, inside a git work tree for earlier versions
	Pack    *model.Pack
	// Load reads the pack at a git revision; history.Load when nil.
	Load   func(ctx context.Context, content, ref string) (*model.Pack, error)
	packs  map[string]*model.Pack
	failed map[string]error
}

// ErrNoText is wrapped by Texts.Digest's error when a version's text
// cannot be had: no such revision, no git_ref, or a git_ref that does not
// read.
type ErrNoText struct{ Version, Reason string }

func (e *ErrNoText) Error() string {
	return fmt.Sprintf("the text of version %s cannot be read: %s", e.Version, e.Reason)
}

// Revision returns the [[revision]] of version, nil when there is none.
func Revision(p *model.Pack, version string) *model.Revision {
	for _, r := range p.Revisions {
		if r.Version == version {
			return r
		}
	}
	return nil
}

// PackAt is the pack as it was at version: the current pack for the
// current version, else the pack at the revision's git_ref.
func (t *Texts) PackAt(ctx context.Context, version string) (*model.Pack, error) {
	if version == t.Pack.Document.Version {
		return t.Pack, nil
	}
	if p := t.packs[version]; p != nil {
		return p, nil
	}
	if err := t.failed[version]; err != nil {
		return nil, err
	}
	if t.packs == nil {
		t.packs, t.failed = map[string]*model.Pack{}, map[string]error{}
	}
	r := Revision(t.Pack, version)
	var err error
	switch {
	case r == nil:
		err = &ErrNoText{version, "the revision history has no such version"}
	case r.GitRef == "":
		err = &ErrNoText{version, "its [[revision]] has no git_ref"}
	default:
		load := t.Load
		if load == nil {
			load = history.Load
		}
		var p *model.Pack
		if p, err = load(ctx, t.Content, r.GitRef); err == nil {
			t.packs[version] = p
			return p, nil
		}
		err = &ErrNoText{version, fmt.Sprintf("git_ref %q: %v", r.GitRef, err)}
	}
	t.failed[version] = err
	return nil, err
}

// Digest is the digest of the text of person id at version in lang.
// known is false (with a nil error) when that version's pack has no such
// person or no text in lang.
func (t *Texts) Digest(ctx context.Context, version, id, lang string) (digest string, known bool, err error) {
	p, err := t.PackAt(ctx, version)
	if err != nil {
		return "", false, err
	}
	person := p.Person(id)
	if person == nil {
		return "", false, nil
	}
	d, ok := p.AckDigestIn(person, lang)
	return d, ok, nil
}

// FindPerson finds the person key names: their id, their e-mail address
// or their hr_id (people.toml; both in any case), as the pack's [people]
// and [[completions]] match people. The error says why not, with the nearest id or
// address when there is one.
func FindPerson(p *model.Pack, key string) (*model.Person, error) {
	return NewFinder(p).Find(key, true)
}

// Finder finds people by id or e-mail address, indexed once for the rows
// of a report.
type Finder struct {
	p       *model.Pack
	byEmail map[string]*model.Person
	keys    []string // ids and addresses, sorted, for a suggestion
}

// NewFinder indexes p's people.
func NewFinder(p *model.Pack) *Finder {
	f := &Finder{p: p, byEmail: map[string]*model.Person{}}
	for _, x := range p.People {
		f.keys = append(f.keys, x.ID)
		if x.Email != "" {
			f.byEmail[strings.ToLower(x.Email)] = x
			f.keys = append(f.keys, x.Email)
		}
	}
	sort.Strings(f.keys)
	return f
}

// Find is FindPerson; suggest is false to skip the search for the
// nearest key (it reads every key).
func (f *Finder) Find(key string, suggest bool) (*model.Person, error) {
	key = strings.TrimSpace(key)
	if x := f.p.Person(key); x != nil {
		return x, nil
	}
	if x := f.byEmail[strings.ToLower(key)]; x != nil {
		return x, nil
	}
	if x := f.p.PersonByHRID(key); x != nil {
		return x, nil
	}
	if suggest {
		if s := typo.Nearest(key, f.keys); s != "" {
			return nil, fmt.Errorf("no person has the id or e-mail address %q (did you mean %q?)", key, s)
		}
	}
	return nil, fmt.Errorf("no person has the id or e-mail address %q in people.toml", key)
}

// MustAcknowledge reports why person cannot acknowledge the pack's
// versions, nil when they can: they have left, or hold no seat.
func MustAcknowledge(p *model.Pack, person *model.Person) error {
	switch {
	case !person.IsActive():
		return fmt.Errorf("%s (%s) has left the organisation", person.Name, person.ID)
	case !p.Seated(person):
		return fmt.Errorf("%s (%s) holds no seat (no role held or deputised for, no seat on the review team): there is nothing for them to acknowledge", person.Name, person.ID)
	}
	return nil
}
