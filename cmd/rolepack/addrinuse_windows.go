package main

import "syscall"

// wsaeaddrinuse is Windows' "address already in use" (WSAEADDRINUSE),
// which syscall.EADDRINUSE does not match there.
const wsaeaddrinuse = syscall.Errno(10048)
