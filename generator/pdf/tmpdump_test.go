package pdf_test

import (
	"os"
	"testing"

	"github.com/rolepack/rolepack/generator/pdf"
)

func TestTmpDump(t *testing.T) {
	for _, name := range []string{"stress", "second"} {
		f := fixtureNamed(t, name)
		data, err := pdf.Document(f.View)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/"+name+"-doc.pdf", data, 0o644)
		data, err = pdf.SignOff(f.View)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/"+name+"-sheets.pdf", data, 0o644)
	}
}
