package view_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rolepack/rolepack/generator/view"
)

// Memo makes a key's value once, whichever goroutine asks first, and
// keeps keys apart.
func TestMemo(t *testing.T) {
	v := &view.View{}
	type key struct{ n int }
	var made atomic.Int64
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range 3 {
				got := v.Memo(key{i}, func() any { made.Add(1); return i * 10 }).(int)
				if got != i*10 {
					t.Errorf("key %d: %d", i, got)
				}
			}
		})
	}
	wg.Wait()
	if made.Load() != 3 {
		t.Errorf("made %d values for 3 keys", made.Load())
	}
}
