package messages

import (
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestScanKeys checks the positions of keys around what could mislead a
// line scanner: multi-line strings holding "[x]" and "k = v", quoted and
// dotted keys, comments, inline tables and arrays.
func TestScanKeys(t *testing.T) {
	src := "# [not.a.table]\n" +
		"[document] # a comment\n" +
		"title = \"\"\"\n[fake]\nfake = 1\n\"\"\"\n" +
		"  \"draft\" = 'x'\n" +
		"scope = '''\n[fake2]'''\n" +
		"list = [ { one = \"a\" }, [\"]\", '{'] ]\n" +
		"[ common . gaps ]\n" +
		"one = \"{count}\" # other = \"x\"\n" +
		"common2.sub = { one = \"x\", other = \"y\" }\n" +
		"\"é\".x = \"\\\"\"\n"
	var tree map[string]any
	if _, err := toml.Decode(src, &tree); err != nil {
		t.Fatal(err) // the scanner reads documents the parser accepted
	}
	at, deep := scanKeys(src)
	if deep {
		t.Fatal("deep")
	}
	want := map[string]pos{
		"document":                      {2, 1},
		"document.title":                {3, 1},
		"document.draft":                {7, 3},
		"document.scope":                {8, 1},
		"document.list":                 {10, 1},
		"common":                        {11, 1},
		"common.gaps":                   {11, 1},
		"common.gaps.one":               {12, 1},
		"common.gaps.common2":           {13, 1},
		"common.gaps.common2.sub.other": {13, 28},
		"common.gaps.é.x":               {14, 1},
	}
	for k, w := range want {
		if got, ok := at[k]; !ok || got != w {
			t.Errorf("%s at %v (found %v), want %v", k, got, ok, w)
		}
	}
	for _, k := range []string{"fake", "document.fake", "fake2", "not", "one", "document.list.one", "common.gaps.other"} {
		if _, ok := at[k]; ok {
			t.Errorf("%s recorded", k)
		}
	}
}

func TestLoadConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for _, lang := range Languages() {
		wg.Go(func() {
			c, err := Load(lang, nil)
			if err != nil {
				t.Error(err)
				return
			}
			_ = c.Plural("common.holders", 2) + c.Number(12345)
		})
	}
	wg.Wait()
}
