package classify

import (
	"testing"
	"time"
	"sort"
	"fmt"
)

func TestPerPrompt(t *testing.T) {
	c := New(Options{})
	for _, s := range typical {
		var ds []time.Duration
		for range 200 {
			t0 := time.Now()
			c.Classify(s, "")
			ds = append(ds, time.Since(t0))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		fmt.Printf("%8v %s\n", ds[100], s)
	}
}
