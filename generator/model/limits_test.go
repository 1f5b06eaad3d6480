package model

import (
	"bytes"
	"os"
	"runtime"
	"strings"
	"testing"
)

// Shapes of hostile sources, each as a function of a size n: the deep and
// wide inputs that made the loader slow or exhausted it before the limits.
var hostileShapes = map[string]func(n int) string{
	"nested arrays":        func(n int) string { return "a = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n" },
	"nested inline tables": func(n int) string { return "a = " + strings.Repeat("{b=", n) + "1" + strings.Repeat("}", n) + "\n" },
	"dotted key":           func(n int) string { return strings.Repeat("a.", n) + "b = 1\n" },
	"table header":         func(n int) string { return "[" + strings.Repeat("a.", n) + "b]\nc = 1\n" },
	"one-line array":       func(n int) string { return "a = [" + strings.Repeat("1,", n) + "]\n" },
	"many keys":            func(n int) string { return manyKeys(n) },
	"many inline keys": func(n int) string {
		return "a = {" + strings.TrimSuffix(strings.ReplaceAll(manyKeys(n), "\n", ", "), ", ") + "}\n"
	},
	"long line": func(n int) string { return "a = \"" + strings.Repeat("x", n) + "\"\n" },
}

// HostileShapes lets the fuzz tests of package model_test seed from the
// shapes.
var HostileShapes = hostileShapes

// ShapeSizes are the sizes the fuzz seeds use: at, just beyond and far
// beyond the limits.
var ShapeSizes = []int{MaxNesting, MaxNesting + 1, MaxListLength + 1, MaxKeysPerTable + 1, 20_000}

func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("k")
		b.WriteString(itoa(i))
		b.WriteString(" = 1\n")
	}
	return b.String()
}

func TestStructuralLimits(t *testing.T) {
	for _, tc := range []struct {
		shape string
		n     int
		want  string // "" when the source is within the limits
	}{
		{"nested arrays", MaxNesting, ""},
		{"nested arrays", MaxNesting + 1, "f.toml:1:13: values nest more than 8 levels deep"},
		{"nested arrays", 100_000, "f.toml:1:13: values nest more than 8 levels deep"},
		{"nested inline tables", MaxNesting - 1, ""},
		{"nested inline tables", MaxNesting, "f.toml:1:27: values nest more than 8 levels deep"},
		{"nested inline tables", 10_000, "f.toml:1:27: values nest more than 8 levels deep"},
		{"dotted key", MaxNesting - 1, ""},
		{"dotted key", MaxNesting, "f.toml:1:1: key has more than 8 dotted parts; the limit is 8"},
		{"dotted key", 100_000, "f.toml:1:1: key has more than 8 dotted parts; the limit is 8"},
		{"table header", MaxNesting - 2, ""},
		{"table header", MaxNesting - 1, "f.toml:2:1: values nest more than 8 levels deep"},
		{"table header", MaxNesting, "f.toml:1:2: key has more than 8 dotted parts; the limit is 8"},
		{"table header", 100_000, "f.toml:1:2: key has more than 8 dotted parts; the limit is 8"},
		{"one-line array", MaxListLength, ""},
		{"one-line array", MaxListLength + 1, "f.toml:1:2006: array has more than 1000 entries (it starts at line 1, column 5); the limit is 1000"},
		{"one-line array", 200_000, "f.toml:1:2006: array has more than 1000 entries"},
		{"many keys", MaxKeysPerTable, ""},
		{"many keys", MaxKeysPerTable + 1, "f.toml:1001:1: table has more than 1000 keys; the limit is 1000"},
		{"many inline keys", MaxKeysPerTable, ""},
		{"many inline keys", MaxKeysPerTable + 1, "inline table has more than 1000 keys; the limit is 1000"},
		{"long line", MaxLineBytes - 10, ""},
		{"long line", MaxLineBytes, "f.toml:1:1: line is longer than 256 KiB, the limit for one line"},
	} {
		src := hostileShapes[tc.shape](tc.n)
		_, limit := scanSource("f.toml", []byte(src))
		var got string
		if limit != nil {
			got = limit.pos.String() + ": " + limit.msg
		}
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%s of %d: got %q, want %q", tc.shape, tc.n, got, tc.want)
		}
		if tc.want == "" {
			// Within the limits, the TOML parser must accept the source:
			// the limits must not refuse valid files of that shape.
			var errs Errors
			if parseOne(SourceFile{Path: "f.toml", Data: []byte(src)}, &errs) == nil {
				t.Errorf("%s of %d: %v", tc.shape, tc.n, errs)
			}
		}
	}
}

// bytesAllocated returns the bytes allocated by parsing src as one source:
// the least of three runs, since TotalAlloc counts the whole process and a
// goroutine left running by another test can only add to it.
func bytesAllocated(src []byte) uint64 {
	least := uint64(1<<64 - 1)
	for range 3 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var errs Errors
		parseOne(SourceFile{Path: "f.toml", Data: src}, &errs)
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	return least
}

// The loader's allocations grow linearly with the input, whether the input
// is within the limits (and parsed) or beyond them (and refused): four times
// the input allocates well under 16 times the memory, which is what a
// quadratic cost would give.
func TestAllocationsGrowLinearly(t *testing.T) {
	repeat := func(shape string, n, lines int) []byte {
		one := hostileShapes[shape](n)
		if shape == "many keys" || shape == "table header" {
			// Each copy is a table of its own, so keys are not redefined.
			var b strings.Builder
			for i := range lines {
				b.WriteString("[t" + itoa(i) + "]\n" + strings.ReplaceAll(one, "[", "[t"+itoa(i)+"."))
			}
			return []byte(b.String())
		}
		var b strings.Builder
		for i := range lines {
			b.WriteString(strings.Replace(one, "a", "a"+itoa(i), 1))
		}
		return []byte(b.String())
	}
	for _, tc := range []struct {
		shape    string
		n, lines int // the input is lines copies of the shape of size n; then 4n, or 4 times the lines
	}{
		// Beyond the limits: refused, at a cost that does not grow.
		{"nested arrays", 25_000, 1},
		{"nested inline tables", 2_500, 1},
		{"table header", 25_000, 1},
		{"dotted key", 25_000, 1},
		{"one-line array", 50_000, 1},
		{"many keys", 5_000, 1},
		{"long line", 1 << 20, 1},
		// Within the limits: parsed, at a cost proportional to the size.
		{"nested arrays", 8, 200},
		{"nested inline tables", 7, 200},
		{"one-line array", 250, 200},
		{"many keys", 250, 10},
		{"many inline keys", 250, 200},
		{"dotted key", 7, 200},
	} {
		var small, large []byte
		if tc.lines == 1 {
			small, large = repeat(tc.shape, tc.n, 1), repeat(tc.shape, 4*tc.n, 1)
		} else {
			small, large = repeat(tc.shape, tc.n, tc.lines), repeat(tc.shape, tc.n, 4*tc.lines)
		}
		if tc.lines > 1 {
			// Within the limits, the sources must parse, or this would
			// measure the cost of refusing them.
			for _, src := range [][]byte{small, large} {
				var errs Errors
				if parseOne(SourceFile{Path: "f.toml", Data: src}, &errs) == nil {
					t.Fatalf("%s: %.200v", tc.shape, errs)
				}
			}
		}
		a, b := bytesAllocated(small), bytesAllocated(large)
		ratio := float64(b) / float64(a)
		t.Logf("%-22s %8d bytes: %10d allocated; %8d bytes: %10d allocated (×%.2f)", tc.shape, len(small), a, len(large), b, ratio)
		if ratio > 6 {
			t.Errorf("%s: 4× the input allocates %.1f× the memory (%d → %d bytes)", tc.shape, ratio, a, b)
		}
	}
}

// MaxSourceAlloc is the most memory loading one source may allocate in
// total (so its peak heap is below it too), however it is written: the
// bound docs/security.md states.
const MaxSourceAlloc = 1 << 30

// A source of the largest size allowed, in the shapes that cost the parser
// most per byte, is refused by the limits or loaded within MaxSourceAlloc;
// so is the largest part of it that the limits accept.
func TestWorstCaseFileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("parses several large sources")
	}
	// packtest.Exhaustive, which this package's own tests cannot import.
	if raceDetector || os.Getenv("ROLEPACK_TEST_ALL") != "1" {
		t.Skip("parses several large sources: make test-all runs it (without -race)")
	}
	inlineKeys := " = {" + strings.TrimSuffix(strings.ReplaceAll(manyKeys(MaxKeysPerTable), "\n", ","), ",") + "}\n"
	shapes := map[string]func(i int) string{
		"many inline keys": func(i int) string { return "k" + itoa(i) + inlineKeys },
		"nested inline tables": func(i int) string {
			return "k" + itoa(i) + " = " + strings.Repeat("{b=", 6) + "1" + strings.Repeat("}", 6) + "\n"
		},
		"nested arrays": func(i int) string {
			return "k" + itoa(i) + " = " + strings.Repeat("[", 6) + "1" + strings.Repeat("]", 6) + "\n"
		},
		"one-line arrays":  func(i int) string { return "k" + itoa(i) + " = [" + strings.Repeat("1,", MaxListLength) + "]\n" },
		"long dotted keys": func(i int) string { return "k" + itoa(i) + strings.Repeat("."+strings.Repeat("x", 4000), 6) + " = 1\n" },
	}
	for name, line := range shapes {
		var b strings.Builder
		for i := 0; b.Len() < MaxFileBytes-(256<<10); i++ {
			if i%(MaxKeysPerTable-1) == 0 {
				b.WriteString("[t" + itoa(i) + "]\n")
			}
			b.WriteString(line(i))
		}
		whole := []byte(b.String())
		sources := [][]byte{whole}
		if _, limit := scanSource("f.toml", whole); limit != nil {
			// The largest accepted part: the lines before the one refused.
			cut := 0
			for range limit.pos.Line - 2 {
				cut += bytes.IndexByte(whole[cut:], '\n') + 1
			}
			sources = append(sources, whole[:cut])
		}
		for _, src := range sources {
			n := bytesAllocated(src)
			t.Logf("%-20s %9d bytes: %4d MiB allocated", name, len(src), n>>20)
			if n > MaxSourceAlloc {
				t.Errorf("%s of %d bytes: %d MiB allocated, above the bound of %d MiB", name, len(src), n>>20, MaxSourceAlloc>>20)
			}
		}
	}
}
