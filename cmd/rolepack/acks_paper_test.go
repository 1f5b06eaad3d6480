package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAcksHelpMatchesREADME: every flag of acks pending, record, import
// and verify is in the README's table of flags, on a row "| acks NAME |",
// as TestHelpMatchesREADME asks of the commands.
func TestAcksHelpMatchesREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pending", "record", "import", "verify"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"acks", name, "--help"}, &stdout, &stderr); code != exitOK {
			t.Fatalf("rolepack acks %s --help: exit %d: %s", name, code, stderr.String())
		}
		rows := flagRows(string(readme), "acks "+name)
		if !strings.Contains(string(readme), "| `rolepack acks "+name+" ") {
			t.Errorf("acks %s is not in the README's table of commands", name)
		}
		flags := flagLine.FindAllStringSubmatch(stdout.String(), -1)
		if len(flags) < 2 {
			t.Fatalf("acks %s --help lists %d flags:\n%s", name, len(flags), stdout.String())
		}
		for _, m := range flags {
			if !strings.Contains(rows, "`--"+m[1]) {
				t.Errorf("flag --%s of acks %s is not in the README's table of flags", m[1], name)
			}
		}
	}
}
