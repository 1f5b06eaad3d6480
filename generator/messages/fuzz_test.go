package messages

import (
	"os"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzLoad feeds arbitrary bytes to Load as a pack's catalogue, both as an
// override of a shipped language and as a language of its own: it must
// return a catalogue or errors, never panic, and take bounded time. A
// catalogue it returns holds every English key.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"catalogues/de/base.toml", "catalogues/ja/document.toml", "testdata/sv.toml"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"[document]\nresponsibilites = \"X\"\n",
		"common.gaps = { one = \"{count}\", few = \"x\", other = \"{count} {n}\" }\n",
		"[common.gaps]\none = \"{count\"\n",
		"a = [[[[[[[[[[1]]]]]]]]]]\n",
		"[[document]]\ntitle = '''\nx'''\n",
		"\"document\".'title' = \"\\u00e9{{}}\"\n",
		"[document]\ntitle = \"\xff\"\n",
	} {
		f.Add([]byte(s))
	}
	en, err := Load("en", nil)
	if err != nil {
		f.Fatal(err)
	}
	keys := en.Keys()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lang := range []string{"de", "sv"} {
			start := time.Now()
			c, err := Load(lang, fstest.MapFS{"messages/" + lang + ".toml": &fstest.MapFile{Data: data}})
			// A catalogue loads in milliseconds; the bound is loose
			// because a fuzzing machine is loaded, and catches a loop.
			if d := time.Since(start); d > 10*time.Second {
				t.Fatalf("%s: Load took %v", lang, d)
			}
			if err != nil {
				continue
			}
			for _, k := range keys {
				if _, ok := c.msgs[k]; !ok {
					t.Fatalf("%s: loaded without %q", lang, k)
				}
			}
			c.Plural("common.gaps", 1)
			c.Date(time.Unix(0, 0))
			c.Number(-1234567)
		}
	})
}
