//go:build unix

package ledger

import (
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on f without waiting: a second
// writer of the same ledger is refused, never interleaved.
func lock(f *os.File) (func(), error) {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return nil, err
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }, nil
}
