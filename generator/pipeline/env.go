package pipeline

import "os"

// osGetenv is the process environment, used when Options.Getenv is nil.
var osGetenv = os.Getenv
