module example.com/stale

go 1.26.8

require github.com/robusta-go/robusta v0.0.0

replace github.com/robusta-go/robusta => ../../../..
