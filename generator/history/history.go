// Package history reads what the sources' git history says about the
// pack's versions: for each [[revision]] with a git_ref, what changed in
// it; and, for each person, whether the version they last acknowledged
// still covers their duties, so that only people whose roles changed are
// asked to sign again.
package history

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/rolepack/rolepack/generator/diff"
	"github.com/rolepack/rolepack/generator/gitsrc"
	"github.com/rolepack/rolepack/generator/model"
)

// History is the pack's versions as git knows them. The zero value (no
// readable git_ref) changes nothing: every rule works as without history.
type History struct {
	// Changes holds, per revision version, what changed from the previous
	// revision whose sources could be read to this one. The current
	// version is compared with the sources as they are.
	Changes map[string]*diff.Changes
	// Acks holds, per person id, their latest acknowledgement of an
	// earlier version whose sources could be read, and whether it still
	// covers their duties.
	Acks map[string]Carry
	// ChangedRoles are the ids of the roles the current version changed
	// (their text, holders or RACI letters), when the previous version's
	// sources could be read.
	ChangedRoles map[string]bool
	// Problems are git_refs that could not be read, at the revision that
	// names them: warnings.
	Problems []model.Diagnostic
}

// Carry is a person's latest acknowledgement of an earlier version.
type Carry struct {
	Version string
	Date    model.Date
	// Carried is set when nothing in their own duties changed since that
	// version: the acknowledgement carries forward to the current one.
	Carried bool
	// Changed says what changed in their duties since (when not Carried),
	// in English: ChangedText in rolepack's English catalogue.
	Changed []string
	// ChangedText is Changed as texts (diff.Text), for an output to
	// render in its reader's language (view.ChangedSince).
	ChangedText []diff.Text
}

// Compute reads the git_refs of p's revisions from the repository holding
// content. It never fails: what cannot be read is listed in Problems.
func Compute(ctx context.Context, content string, p *model.Pack) *History {
	h := &History{Changes: map[string]*diff.Changes{}, Acks: map[string]Carry{}, ChangedRoles: map[string]bool{}}
	any := false
	for _, r := range p.Revisions {
		any = any || r.GitRef != ""
	}
	if !any {
		return h
	}
	packs := map[string]*model.Pack{} // by version
	for _, r := range p.Revisions {
		if r.GitRef == "" || r.Version == p.Document.Version {
			continue
		}
		old, err := Load(ctx, content, r.GitRef)
		if err != nil {
			h.Problems = append(h.Problems, model.Diagnostic{Pos: r.Pos,
				Message: fmt.Sprintf("git_ref %q of revision %s cannot be read (%v): what changed in it is not shown, and acknowledgements of it do not carry forward", r.GitRef, r.Version, err)})
			continue
		}
		packs[r.Version] = old
	}
	packs[p.Document.Version] = p
	var prev *model.Pack
	var prevVersion string
	for _, r := range p.Revisions {
		cur := packs[r.Version]
		if cur == nil {
			prev = nil // a gap: the next version cannot be compared
			continue
		}
		if prev != nil {
			c := diff.Compare(prev, cur)
			c.From, c.To = prevVersion, r.Version
			h.Changes[r.Version] = c
			if r.Version == p.Document.Version {
				for _, rc := range c.Roles {
					if rc.Kind != diff.Removed {
						h.ChangedRoles[rc.ID] = true
					}
				}
				for _, l := range c.RACI {
					h.ChangedRoles[l.Role] = true
				}
			}
		}
		prev, prevVersion = cur, r.Version
	}
	h.acks(p, packs)
	return h
}

// acks works out, for each person whose latest acknowledgement is of an
// earlier version with readable sources, what changed for them since.
func (h *History) acks(p *model.Pack, packs map[string]*model.Pack) {
	order := map[string]int{}
	for i, r := range p.Revisions {
		order[r.Version] = i
	}
	latest := map[string]*model.Acknowledgement{}
	for _, a := range p.Acknowledgements {
		if _, known := order[a.Version]; !known {
			continue
		}
		if l := latest[a.PersonID]; l == nil || order[a.Version] > order[l.Version] {
			latest[a.PersonID] = a
		}
	}
	// What changed since each version, in each language signed: a person
	// who signed the German text is asked again when the German text of
	// their duties changed, not when only the English did and the German
	// translation was confirmed as it was (RP-LANG-01 holds the build until
	// it is).
	type signed struct{ version, lang string }
	since := map[signed]*diff.Changes{}
	for _, id := range slices.Sorted(maps.Keys(latest)) {
		a := latest[id]
		if a.Version == p.Document.Version {
			continue
		}
		old := packs[a.Version]
		if old == nil {
			continue
		}
		key := signed{a.Version, cmp.Or(a.Language, p.Language)}
		c, done := since[key]
		if !done {
			c = compareIn(old, p, key.lang)
			since[key] = c
		}
		carry := Carry{Version: a.Version, Date: a.Date, Carried: c != nil}
		if c == nil {
			carry.ChangedText = []diff.Text{{Key: "diff.carry.not_comparable", Args: []any{"language", key.lang, "version", a.Version}}}
			carry.Changed = diff.Strings(carry.ChangedText)
		} else {
			for _, x := range c.Affected {
				if x.Person == id {
					carry.Carried, carry.Changed, carry.ChangedText = false, x.What, x.WhatText
				}
			}
		}
		h.Acks[id] = carry
	}
}

// compareIn compares two packs as their text reads in lang: the packs
// themselves for the current pack's own language, their translations for
// another. nil when either has no text in lang.
func compareIn(old, cur *model.Pack, lang string) *diff.Changes {
	if lang == cur.Language && lang == old.Language {
		return diff.Compare(old, cur)
	}
	o, err := old.Translated(lang)
	if err != nil {
		return nil
	}
	c, err := cur.Translated(lang)
	if err != nil {
		return nil
	}
	return diff.Compare(o, c)
}

// Load reads the pack as it was at git revision ref of the repository
// holding the content directory content.
func Load(ctx context.Context, content, ref string) (*model.Pack, error) {
	snap, err := gitsrc.Read(ctx, content, ref)
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	p, err := model.Load(snap.Dir)
	if err != nil {
		return nil, fmt.Errorf("the sources at %s do not load", ref)
	}
	return p, nil
}
