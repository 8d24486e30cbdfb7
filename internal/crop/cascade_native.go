//go:build !js

package crop

import _ "embed" // the face cascade

// The command line frames offline, and the server serves this copy to the
// browser, whose binary leaves it out (faces.go).
//
//go:embed facefinder
var facefinder []byte

func init() { embedded = facefinder }
