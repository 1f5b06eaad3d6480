package importxlsx_test

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/rolepack/rolepack/generator/importxlsx"
	"github.com/rolepack/rolepack/generator/xlsx"
	"github.com/rolepack/rolepack/internal/packtest"
)

// A workbook saved by LibreOffice passes the damage check and imports as
// the same workbook does before LibreOffice saved it. LibreOffice writes
// the sheets' true dimension (rolepack's writer declares A1), shared
// strings for every text and its own XML layout, so this guards the check
// against refusing a sound workbook.
func TestLibreOfficeSavedWorkbookAccepted(t *testing.T) {
	bin := packtest.NeedTool(t, "soffice")
	dir := packtest.Write(t, commented)
	file := workbook(t, dir)
	b := open(t, file)
	b.set(xlsx.SheetRACI, raci(b, "Patch servers", "Chief Executive"), "A")
	b.set(xlsx.SheetRACI, raci(b, "Patch servers", "Information Security Manager"), "")
	b.save()
	want, err := importxlsx.Read(file, dir, false)
	if err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(out, "profile"),
		"--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, file)
	if o, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, o)
	}
	got, err := importxlsx.Read(filepath.Join(out, filepath.Base(file)), dir, false)
	if err != nil {
		t.Fatalf("saved by LibreOffice: %v", err)
	}
	if len(got.Files) != 1 || !bytes.Equal(got.Files["raci.toml"], want.Files["raci.toml"]) {
		t.Errorf("saved by LibreOffice, the import changes %d files; raci.toml:\n%s\nwant:\n%s", len(got.Files), got.Files["raci.toml"], want.Files["raci.toml"])
	}
}
