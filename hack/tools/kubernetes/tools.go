//go:build tools

// Package tools pins the Kubernetes binaries that Navigator's tests run
// against. hack/build-test-binaries.sh builds them; nothing here is Navigator
// code.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
