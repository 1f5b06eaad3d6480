//go:build !unix

package ledger

import "os"

// lock does nothing where advisory locks are not available: there, run
// one writer of a ledger at a time (docs/acknowledgements.md).
func lock(*os.File) (func(), error) { return func() {}, nil }
