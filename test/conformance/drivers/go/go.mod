module sdkgen.local/conformance-driver

go 1.19

require github.com/sdkgen/plexgo v0.0.0

replace github.com/sdkgen/plexgo => ../../../../generated/go
