//go:build tools

// Package tools pins the helm that renders and lints Navigator's chart
// (deploy/helm/navigator) in the tests. hack/build-test-binaries.sh builds it;
// nothing here is Navigator code.
package tools

import (
	_ "helm.sh/helm/v3/cmd/helm"
)
