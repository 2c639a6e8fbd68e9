// Command informer-baseline is the client-go side of Navigator's informer
// benchmark (bench/informer_bench.cc drives it; bench/informer/run.sh builds
// it). It measures what the C++ side measures for navigator's client::Informer,
// with client-go's shared informer on the ConfigMaps of one namespace:
//
//  1. Before the informer starts: VmRSS and the Go heap in use (after a GC).
//  2. Starts the informer, waits until it has synced and holds --objects
//     objects, and measures again (VmRSS as it is, then the heap after a GC).
//     Prints {"phase":"synced",...} as one line on stdout.
//  3. Records the resourceVersion and wall-clock time (Unix nanoseconds) of
//     every update handler call whose object changed, until --updates were
//     seen or --timeout passed, and prints {"phase":"done",...}.
//
// Exit status: 0 when every expected update was seen, 1 otherwise, 2 for a
// usage or configuration error. Diagnostics go to stderr.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

type synced struct {
	Phase       string  `json:"phase"`
	Client      string  `json:"client"`
	Objects     int     `json:"objects"`
	RSSBefore   int64   `json:"rss_before"`
	RSSAfter    int64   `json:"rss_after"`
	HeapBefore  int64   `json:"heap_before"`
	HeapAfter   int64   `json:"heap_after"`
	SyncSeconds float64 `json:"sync_seconds"`
}

type done struct {
	Phase       string   `json:"phase"`
	UpdatesSeen int      `json:"updates_seen"`
	Events      [][2]any `json:"events"` // [resourceVersion, unix nanoseconds]
}

// seen is one update handler call.
type seen struct {
	resourceVersion string
	unixNano        int64
}

// vmRSS is VmRSS from /proc/self/status in bytes (0 when unreadable).
func vmRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) >= 2 && fields[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(fields[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// liveHeap collects garbage and returns the bytes of live heap objects.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func emit(v any) {
	line, err := json.Marshal(v)
	if err != nil {
		fmt.Fprintln(os.Stderr, "informer-baseline:", err)
		os.Exit(2)
	}
	os.Stdout.Write(append(line, '\n'))
}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the cluster (required)")
	namespace := flag.String("namespace", "", "namespace whose ConfigMaps to watch (required)")
	objects := flag.Int("objects", 0, "ConfigMaps expected in the namespace")
	updates := flag.Int("updates", 0, "updates to wait for after the sync")
	timeout := flag.Duration("timeout", 10*time.Minute, "give up after this long")
	protobuf := flag.Bool("protobuf", false, "talk protobuf to kube-apiserver (as kube-controller-manager does) instead of JSON")
	flag.Parse()
	if *kubeconfig == "" || *namespace == "" || *objects < 0 || *updates < 0 {
		fmt.Fprintln(os.Stderr, "usage: informer-baseline --kubeconfig FILE --namespace NS --objects N --updates M [--timeout D] [--protobuf]")
		os.Exit(2)
	}
	deadline := time.Now().Add(*timeout)

	config, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		fmt.Fprintln(os.Stderr, "informer-baseline:", err)
		os.Exit(2)
	}
	client := "client-go"
	if *protobuf {
		config.ContentType = "application/vnd.kubernetes.protobuf"
		config.AcceptContentTypes = "application/vnd.kubernetes.protobuf,application/json"
		client = "client-go (protobuf)"
	}
	clientset, err := kubernetes.NewForConfig(config)
	if err != nil {
		fmt.Fprintln(os.Stderr, "informer-baseline:", err)
		os.Exit(2)
	}

	var mu sync.Mutex
	events := make([]seen, 0, *updates)

	heapBefore := liveHeap()
	rssBefore := vmRSS()

	allSeen := make(chan struct{})
	factory := informers.NewSharedInformerFactoryWithOptions(clientset, 0, informers.WithNamespace(*namespace))
	informer := factory.Core().V1().ConfigMaps().Informer()
	_, err = informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(any) {},
		UpdateFunc: func(oldObj, newObj any) {
			now := time.Now().UnixNano()
			previous, ok1 := oldObj.(*corev1.ConfigMap)
			current, ok2 := newObj.(*corev1.ConfigMap)
			if !ok1 || !ok2 || previous.ResourceVersion == current.ResourceVersion {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			events = append(events, seen{current.ResourceVersion, now})
			if len(events) == *updates {
				close(allSeen)
			}
		},
		DeleteFunc: func(any) {},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "informer-baseline:", err)
		os.Exit(2)
	}

	stop := make(chan struct{})
	started := time.Now()
	factory.Start(stop)
	for !informer.HasSynced() || len(informer.GetStore().ListKeys()) < *objects {
		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "informer-baseline: not synced with %d objects within %v\n", *objects, *timeout)
			os.Exit(1)
		}
		time.Sleep(10 * time.Millisecond)
	}
	syncSeconds := time.Since(started).Seconds()
	rssAfter := vmRSS()
	heapAfter := liveHeap()
	emit(synced{Phase: "synced", Client: client, Objects: len(informer.GetStore().ListKeys()),
		RSSBefore: rssBefore, RSSAfter: rssAfter, HeapBefore: heapBefore, HeapAfter: heapAfter,
		SyncSeconds: syncSeconds})

	if *updates > 0 {
		select {
		case <-allSeen:
		case <-time.After(time.Until(deadline)):
		}
	}
	mu.Lock()
	out := done{Phase: "done", UpdatesSeen: len(events), Events: make([][2]any, 0, len(events))}
	for _, e := range events {
		out.Events = append(out.Events, [2]any{e.resourceVersion, e.unixNano})
	}
	mu.Unlock()
	emit(out)
	close(stop)
	factory.Shutdown()
	if out.UpdatesSeen < *updates {
		os.Exit(1)
	}
}
