package model_test

import (
	"strings"
	"testing"

	"github.com/rolepack/rolepack/internal/packtest"
)

// The text a person acknowledges states their seats and duties, one fact
// a line, and nothing that is not a duty.
func TestAckText(t *testing.T) {
	p := packtest.Load(t, packtest.Minimal)
	ann := p.Person("ann")
	text := p.AckText(ann)
	for _, want := range []string{
		"rolepack acknowledgement text 1\n",
		"document: ISMS-05\n",
		"holds: Information Security Manager\n",
		"  responsibility: Report ISMS performance\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{ann.Name, p.Document.Version, "2025-"} {
		if strings.Contains(text, not) {
			t.Errorf("the text holds %q, which is not a duty:\n%s", not, text)
		}
	}
	if !strings.Contains(text, "raci: ") {
		t.Errorf("the text has no RACI line:\n%s", text)
	}
	// The deputy's text holds the duties of the seat they stand in for.
	if bob := p.AckText(p.Person("bob")); !strings.Contains(bob, "deputises: Information Security Manager / Ann Admin\n  responsibility: Keep the ISMS conformant\n  responsibility: Report ISMS performance\n") {
		t.Errorf("bob's text:\n%s", bob)
	}

	// One duty changed: the texts of the seats it is part of change.
	forged := packtest.Load(t, packtest.Edit(packtest.Minimal, "roles/ism.toml", `"Report ISMS performance"`, `"Report ISMS performance monthly"`))

	// The digest follows the text; a language the pack lacks has none.
	if d, ok := p.AckDigestIn(ann, p.Language); !ok || d != p.AckDigest(ann) || len(d) != len("sha256:")+64 {
		t.Errorf("AckDigestIn(%s) = %q, %v", p.Language, d, ok)
	}
	if _, ok := p.AckDigestIn(ann, "xx"); ok {
		t.Error("a digest in a language the pack is not written in")
	}
	if forged.AckDigest(forged.Person("ann")) == p.AckDigest(ann) {
		t.Error("a changed duty, the same digest")
	}
	if forged.AckDigest(forged.Person("eve")) != p.AckDigest(p.Person("eve")) {
		t.Error("a duty of another role changed eve's digest")
	}
}
