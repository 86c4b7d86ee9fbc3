package main

import (
	"runtime/debug"

	"kinlink/records"
)

// version is kinlink's release version, with the VCS revision when the
// binary was built from a checkout.
func version() string {
	v := records.Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}
