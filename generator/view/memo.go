package view

import "sync"

// memo holds what a later stage derives from the view once for every
// output (the document model), by key.
type memo struct {
	mu     sync.Mutex
	values map[any]*memoValue
}

type memoValue struct {
	once  sync.Once
	value any
}

// Memo returns the value build makes for key, made once per view however
// many outputs ask, from any goroutine: so that what a stage after the
// view builds from it (the document model of generator/document, which
// the PDF and the Word file both typeset) is built once per build,
// without the view importing that stage. key is a comparable value of a
// type of the caller's own.
func (v *View) Memo(key any, build func() any) any {
	v.memo.mu.Lock()
	if v.memo.values == nil {
		v.memo.values = map[any]*memoValue{}
	}
	m := v.memo.values[key]
	if m == nil {
		m = &memoValue{}
		v.memo.values[key] = m
	}
	v.memo.mu.Unlock()
	m.once.Do(func() { m.value = build() })
	return m.value
}
