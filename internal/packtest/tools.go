package packtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// debianPackage names the package that provides each external judge a test
// runs, for the skip message; .ci/run installs all of them.
var debianPackage = map[string]string{
	"pdftotext":        "poppler-utils",
	"pdfinfo":          "poppler-utils",
	"qpdf":             "qpdf",
	"soffice":          "libreoffice-calc-nogui",
	"chromium":         "chromium",
	"chromium-browser": "chromium",
	"git":              "git",
}

// NeedTool returns the path of the first of the named programs found on
// PATH (alternatives, such as "chromium", "chromium-browser"). When none is
// installed the test is skipped on a developer's machine, but fails when
// CI=true: in CI a judge that silently skips proves nothing.
func NeedTool(t testing.TB, names ...string) string {
	t.Helper()
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	missing := strings.Join(names, " or ")
	if pkg := debianPackage[names[0]]; pkg != "" {
		missing += " (Debian package " + pkg + ")"
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed; CI=true requires every external judge (.ci/run installs them)", missing)
	}
	t.Skipf("%s is not installed; skipped (with CI=true this fails)", missing)
	return ""
}
