package capture

import (
	_ "embed"
	"sync"
)

// builtinJSON is the selector table shipped in this binary.
//
//go:embed selectors.json
var builtinJSON []byte

var builtin = sync.OnceValues(func() (Table, error) { return Parse(builtinJSON) })

// Builtin returns the table embedded in the binary. Its error is nil
// in a released build: TestBuiltin_IsValid checks the embedded file.
func Builtin() (Table, error) { return builtin() }

// LoadDefault is Load with the built-in table.
func LoadDefault(dataDir string) (Source, error) {
	b, err := Builtin()
	if err != nil {
		return Source{}, err
	}
	return Load(dataDir, b), nil
}
