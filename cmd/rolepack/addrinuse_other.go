//go:build !windows

package main

import "syscall"

// wsaeaddrinuse is Windows' "address already in use"; elsewhere
// syscall.EADDRINUSE is the only one.
const wsaeaddrinuse = syscall.EADDRINUSE
