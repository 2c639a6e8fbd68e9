//go:build tools

// Package tools pins the etcd server that Navigator's tests run against.
// hack/build-test-binaries.sh builds it; nothing here is Navigator code.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
)
