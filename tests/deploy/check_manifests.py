#!/usr/bin/env python3
"""Assertions on rendered Navigator manifests (helm template output).

Usage: check_manifests.py FILE CHECK [ARG...]

Runs one named check on the Kubernetes objects in FILE (multi-document YAML).
Exit status 0 when it holds; otherwise 1 with the reasons on stdout. Used by
chart_test.sh, one check per test line.
"""

import base64
import sys

import yaml

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "Job")
APISERVICE_NAME = "v1alpha1.navigator.jetstack.io"


class CheckFailed(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise CheckFailed(message)


def load(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d]


def objects(docs, kind, name=None):
    return [d for d in docs if d.get("kind") == kind and (name is None or d["metadata"]["name"] == name)]


def one(docs, kind, name=None):
    found = objects(docs, kind, name)
    expect(len(found) == 1, f"expected exactly one {kind}{' ' + name if name else ''}, found {len(found)}")
    return found[0]


def component(docs, kind, comp):
    found = [d for d in objects(docs, kind)
             if d["metadata"].get("labels", {}).get("app.kubernetes.io/component") == comp]
    expect(len(found) == 1, f"expected one {kind} of component {comp}, found {len(found)}")
    return found[0]


def pod_spec(workload):
    return workload["spec"]["template"]["spec"]


def containers(spec):
    return spec.get("initContainers", []) + spec.get("containers", [])


def arg_value(container, flag):
    for a in container.get("args", []) + container.get("command", []):
        if a.startswith(flag + "="):
            return a[len(flag) + 1:]
    return None


# --- checks ------------------------------------------------------------------


def check_etcd_persistent(docs):
    """etcd keeps its data on a PersistentVolumeClaim, never an emptyDir."""
    sts = component(docs, "StatefulSet", "etcd")
    spec = pod_spec(sts)
    claims = {c["metadata"]["name"]: c for c in sts["spec"].get("volumeClaimTemplates", [])}
    expect("data" in claims, "the etcd StatefulSet has no volumeClaimTemplate 'data'")
    expect(claims["data"]["spec"]["resources"]["requests"].get("storage"), "the data claim requests no storage")
    for v in spec.get("volumes", []):
        expect("emptyDir" not in v, f"etcd pod volume {v['name']} is an emptyDir")
        expect(v["name"] != "data", "a pod volume named 'data' would shadow the claim template")
    (etcd,) = [c for c in spec["containers"] if c["name"] == "etcd"]
    mounts = {m["name"]: m["mountPath"] for m in etcd.get("volumeMounts", [])}
    expect("data" in mounts, "the etcd container does not mount the data claim")
    data_dir = arg_value(etcd, "--data-dir")
    expect(data_dir is not None, "etcd has no --data-dir")
    expect(data_dir == mounts["data"] or data_dir.startswith(mounts["data"].rstrip("/") + "/"),
           f"--data-dir {data_dir} is not on the data volume ({mounts['data']})")


def check_no_emptydir(docs):
    """No pod of the chart keeps anything on an emptyDir (nothing may vanish on restart).
    The one exception is scratch that is regenerated at start and never data: a small in-memory
    emptyDir (medium Memory, sizeLimit of at most 1Mi), e.g. navigator-controller's
    self-signed certificate for its health and metrics endpoints."""
    for w in docs:
        if w.get("kind") in WORKLOAD_KINDS:
            for v in pod_spec(w).get("volumes", []):
                if "emptyDir" not in v:
                    continue
                e = v["emptyDir"] or {}
                scratch = e.get("medium") == "Memory" and e.get("sizeLimit") in ("1Mi", "512Ki", "256Ki")
                expect(scratch, f"{w['kind']} {w['metadata']['name']}: volume {v['name']} is an emptyDir")


def check_etcd_storage(docs, size, storage_class="", replicas="1"):
    sts = component(docs, "StatefulSet", "etcd")
    claim = sts["spec"]["volumeClaimTemplates"][0]["spec"]
    expect(claim["resources"]["requests"]["storage"] == size,
           f"claim size {claim['resources']['requests']['storage']}, want {size}")
    if storage_class:
        expect(claim.get("storageClassName") == storage_class,
               f"storageClassName {claim.get('storageClassName')!r}, want {storage_class!r}")
    else:
        expect("storageClassName" not in claim, "storageClassName set although none was asked for")
    expect(sts["spec"]["replicas"] == int(replicas), f"etcd replicas {sts['spec']['replicas']}, want {replicas}")
    (etcd,) = pod_spec(sts)["containers"]
    peers = arg_value(etcd, "--initial-cluster").split(",")
    expect(len(peers) == int(replicas), f"--initial-cluster lists {len(peers)} members, want {replicas}")
    policy = sts["spec"].get("persistentVolumeClaimRetentionPolicy", {})
    expect(policy.get("whenDeleted") == "Retain", "etcd volumes are not retained when the StatefulSet is deleted")
    pdbs = [p for p in objects(docs, "PodDisruptionBudget")
            if p["metadata"]["labels"].get("app.kubernetes.io/component") == "etcd"]
    expect(len(pdbs) == (1 if int(replicas) > 1 else 0), f"{len(pdbs)} etcd PodDisruptionBudgets for {replicas} members")


def check_etcd_services(docs):
    """A headless Service (for member DNS) and a client Service select the etcd pods."""
    sts = component(docs, "StatefulSet", "etcd")
    labels = sts["spec"]["template"]["metadata"]["labels"]
    headless = one(docs, "Service", sts["spec"]["serviceName"])
    expect(headless["spec"].get("clusterIP") == "None", "the StatefulSet's serviceName is not headless")
    expect(headless["spec"].get("publishNotReadyAddresses") is True, "headless Service hides not-ready members")
    clients = [s for s in objects(docs, "Service")
               if s["metadata"]["labels"].get("app.kubernetes.io/component") == "etcd"
               and s["spec"].get("clusterIP") != "None"]
    expect(len(clients) == 1, f"{len(clients)} etcd client Services")
    for svc in (headless, clients[0]):
        sel = svc["spec"]["selector"]
        expect(all(labels.get(k) == v for k, v in sel.items()), f"Service {svc['metadata']['name']} misses the etcd pods")


def check_apiservice(docs):
    """The APIService verifies TLS against a caBundle and points at the apiserver Service."""
    api = one(docs, "APIService", APISERVICE_NAME)
    spec = api["spec"]
    expect(api["apiVersion"] == "apiregistration.k8s.io/v1", f"APIService apiVersion {api['apiVersion']}")
    expect("insecureSkipTLSVerify" not in spec, "the APIService sets insecureSkipTLSVerify")
    expect(spec.get("caBundle"), "the APIService has no caBundle")
    base64.b64decode(spec["caBundle"], validate=True)
    expect(spec["group"] == "navigator.jetstack.io" and spec["version"] == "v1alpha1", "wrong group/version")
    expect(spec["groupPriorityMinimum"] == 1000 and spec["versionPriority"] == 15,
           "priorities differ from the original's (1000, 15)")
    svc = one(docs, "Service", spec["service"]["name"])
    expect(svc["metadata"]["namespace"] == spec["service"]["namespace"], "APIService service namespace mismatch")
    ports = [p["port"] for p in svc["spec"]["ports"]]
    expect(spec["service"].get("port", 443) in ports, f"APIService port {spec['service'].get('port')} not in {ports}")
    dep = component(docs, "Deployment", "apiserver")
    labels = dep["spec"]["template"]["metadata"]["labels"]
    expect(all(labels.get(k) == v for k, v in svc["spec"]["selector"].items()), "the Service misses the apiserver pods")


def check_ca_bundle(docs, want):
    """The APIService's caBundle is exactly `want` (base64)."""
    got = one(docs, "APIService", APISERVICE_NAME)["spec"]["caBundle"]
    expect(got == want, "the APIService's caBundle is not the one given")


def check_tls_secret(docs, out_dir):
    """The chart's TLS Secret matches the caBundle; its files are written to out_dir for openssl."""
    api = one(docs, "APIService", APISERVICE_NAME)
    dep = component(docs, "Deployment", "apiserver")
    (vol,) = [v for v in pod_spec(dep)["volumes"] if v["name"] == "tls"]
    secret = one(docs, "Secret", vol["secret"]["secretName"])
    expect(secret["type"] == "kubernetes.io/tls", f"Secret type {secret['type']}")
    data = secret["data"]
    expect(data["ca.crt"] == api["spec"]["caBundle"], "Secret ca.crt differs from the APIService's caBundle")
    for key in ("ca.crt", "tls.crt", "tls.key"):
        with open(f"{out_dir}/{key}", "wb") as f:
            f.write(base64.b64decode(data[key], validate=True))


def check_no_chart_secret(docs, secret_name):
    """With a user-provided Secret the chart renders none and mounts the user's."""
    expect(not objects(docs, "Secret"), "the chart rendered a Secret although one was provided")
    dep = component(docs, "Deployment", "apiserver")
    (vol,) = [v for v in pod_spec(dep)["volumes"] if v["name"] == "tls"]
    expect(vol["secret"]["secretName"] == secret_name, f"mounts {vol['secret']['secretName']}, want {secret_name}")


def check_security_context(docs):
    """Every container runs as non-root, read-only, without capabilities, under RuntimeDefault seccomp."""
    seen = 0
    for w in docs:
        if w.get("kind") not in WORKLOAD_KINDS:
            continue
        spec = pod_spec(w)
        pod_sc = spec.get("securityContext", {})
        where = f"{w['kind']} {w['metadata']['name']}"
        expect(pod_sc.get("runAsNonRoot") is True, f"{where}: pod securityContext lacks runAsNonRoot")
        expect(pod_sc.get("seccompProfile", {}).get("type") == "RuntimeDefault", f"{where}: pod seccomp not RuntimeDefault")
        for c in containers(spec):
            seen += 1
            sc = c.get("securityContext", {})
            at = f"{where} container {c['name']}"
            expect(sc.get("runAsNonRoot") is True, f"{at}: runAsNonRoot is not true")
            expect(sc.get("readOnlyRootFilesystem") is True, f"{at}: root filesystem is writable")
            expect(sc.get("allowPrivilegeEscalation") is False, f"{at}: allowPrivilegeEscalation is not false")
            expect(not sc.get("privileged"), f"{at}: privileged")
            expect(sc.get("capabilities", {}).get("drop") == ["ALL"], f"{at}: capabilities not dropped")
            expect(not sc.get("capabilities", {}).get("add"), f"{at}: adds capabilities")
            expect(sc.get("seccompProfile", pod_sc.get("seccompProfile", {})).get("type") == "RuntimeDefault",
                   f"{at}: seccomp not RuntimeDefault")
            uid = sc.get("runAsUser", pod_sc.get("runAsUser"))
            expect(uid is not None and uid != 0, f"{at}: runs as uid {uid}")
    expect(seen > 0, "no containers found")


def check_resources(docs):
    """Every container has CPU and memory requests and a memory limit; images are pinned."""
    for w in docs:
        if w.get("kind") not in WORKLOAD_KINDS:
            continue
        for c in containers(pod_spec(w)):
            at = f"{w['metadata']['name']}/{c['name']}"
            res = c.get("resources", {})
            expect({"cpu", "memory"} <= set(res.get("requests", {})), f"{at}: missing cpu/memory requests")
            expect("memory" in res.get("limits", {}), f"{at}: missing memory limit")
            image = c["image"]
            expect(":" in image.rsplit("/", 1)[-1] and not image.endswith(":latest"), f"{at}: image {image} not pinned")


def check_apiserver(docs):
    """Flags, probes and ports of navigator-apiserver."""
    dep = component(docs, "Deployment", "apiserver")
    (c,) = pod_spec(dep)["containers"]
    sts = component(docs, "StatefulSet", "etcd")
    ns = sts["metadata"]["namespace"]
    clients = [s for s in objects(docs, "Service")
               if s["metadata"]["labels"].get("app.kubernetes.io/component") == "etcd"
               and s["spec"].get("clusterIP") != "None"]
    want = f"http://{clients[0]['metadata']['name']}.{ns}.svc:2379"
    expect(arg_value(c, "--etcd-servers") == want, f"--etcd-servers={arg_value(c, '--etcd-servers')}, want {want}")
    expect(arg_value(c, "--secure-port") == "6443", "--secure-port is not 6443")
    mounts = {m["name"]: m["mountPath"] for m in c["volumeMounts"]}
    for flag, key in (("--tls-cert-file", "tls.crt"), ("--tls-private-key-file", "tls.key")):
        expect(arg_value(c, flag) == f"{mounts['tls']}/{key}", f"{flag} does not name the mounted Secret's {key}")
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    expect(ports.get("https") == 6443, f"container ports {ports}")
    for probe, path in (("livenessProbe", "/livez"), ("readinessProbe", "/readyz")):
        get = c.get(probe, {}).get("httpGet", {})
        expect(get.get("path") == path and get.get("scheme") == "HTTPS" and get.get("port") in ("https", 6443),
               f"{probe} is {get}, want HTTPS {path} on 6443")
    svc = one(docs, "Service", dep["metadata"]["name"])
    (port,) = svc["spec"]["ports"]
    expect(port["port"] == 443 and port["targetPort"] in ("https", 6443), f"Service port {port}")
    # Delegated authentication and authorization and NamespaceLifecycle are the
    # binary's defaults (in-cluster configuration); nothing may turn them off.
    mode = arg_value(c, "--authorization-mode")
    expect(mode in (None, "Webhook"), f"--authorization-mode={mode}: the apiserver must authorize with kube-apiserver")
    disabled = arg_value(c, "--disable-admission-plugins") or ""
    expect("NamespaceLifecycle" not in disabled.split(","), "NamespaceLifecycle admission is disabled")
    skip = arg_value(c, "--authentication-skip-lookup")
    expect(skip in (None, "false") and "--authentication-skip-lookup" not in c.get("args", []), "--authentication-skip-lookup: the apiserver must read the client and front-proxy CAs")


def binding_subjects(b):
    return {(s["kind"], s["name"], s.get("namespace")) for s in b.get("subjects", [])}


def sa_of(docs, comp):
    return pod_spec(component(docs, "Deployment", comp))["serviceAccountName"]


def check_apiserver_rbac(docs):
    """auth-delegator, extension-apiserver-authentication-reader and namespace reads for the apiserver."""
    dep = component(docs, "Deployment", "apiserver")
    ns = dep["metadata"]["namespace"]
    subject = ("ServiceAccount", sa_of(docs, "apiserver"), ns)
    one(docs, "ServiceAccount", subject[1])
    crbs = [b for b in objects(docs, "ClusterRoleBinding") if subject in binding_subjects(b)]
    expect(any(b["roleRef"] == {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                                "name": "system:auth-delegator"} for b in crbs),
           "no ClusterRoleBinding of the apiserver to system:auth-delegator")
    rbs = [b for b in objects(docs, "RoleBinding") if subject in binding_subjects(b)]
    expect(any(b["metadata"]["namespace"] == "kube-system" and b["roleRef"]["kind"] == "Role"
               and b["roleRef"]["name"] == "extension-apiserver-authentication-reader" for b in rbs),
           "no RoleBinding in kube-system to extension-apiserver-authentication-reader")
    roles = {b["roleRef"]["name"] for b in crbs if b["roleRef"]["kind"] == "ClusterRole"}
    expect(any(allows(r, "", "namespaces", ("get", "list", "watch"))
               for cr in objects(docs, "ClusterRole") if cr["metadata"]["name"] in roles for r in cr["rules"]),
           "the apiserver may not get/list/watch namespaces")


def allows(rule, group, resource, verbs):
    return (group in rule.get("apiGroups", []) and
            (resource in rule.get("resources", []) or "*" in rule.get("resources", [])) and
            (set(verbs) <= set(rule.get("verbs", [])) or "*" in rule.get("verbs", [])))


CONTROLLER_NEEDS = [
    ("navigator.jetstack.io", r, ("get", "list", "watch", "create", "update", "patch", "delete"))
    for r in ("elasticsearchclusters", "cassandraclusters", "pilots")
] + [
    ("navigator.jetstack.io", f"{r}/status", ("update", "patch"))
    for r in ("elasticsearchclusters", "cassandraclusters", "pilots")
] + [
    ("apps", "statefulsets", ("get", "list", "watch", "create", "update", "patch", "delete")),
    ("", "services", ("get", "list", "watch", "create", "update", "patch", "delete")),
    ("", "configmaps", ("get", "list", "watch", "create", "update", "patch", "delete")),
    ("", "serviceaccounts", ("get", "list", "watch", "create", "update", "patch", "delete")),
    ("", "pods", ("get", "list", "watch", "delete")),
    ("", "persistentvolumeclaims", ("get", "list", "watch", "delete")),
    ("rbac.authorization.k8s.io", "roles", ("get", "list", "watch", "create", "update", "patch", "delete")),
    ("rbac.authorization.k8s.io", "rolebindings", ("get", "list", "watch", "create", "update", "patch", "delete")),
    ("policy", "poddisruptionbudgets", ("get", "list", "watch", "create", "update", "patch", "delete")),
    ("", "events", ("create", "patch")),
]


def check_controller_rbac(docs, scope="cluster", watch_ns=""):
    """The controller's role covers what it manages; leader election uses a Lease."""
    dep = component(docs, "Deployment", "controller")
    ns = dep["metadata"]["namespace"]
    subject = ("ServiceAccount", sa_of(docs, "controller"), ns)
    one(docs, "ServiceAccount", subject[1])
    if scope == "cluster":
        bindings = [b for b in objects(docs, "ClusterRoleBinding") if subject in binding_subjects(b)]
        rules = [r for b in bindings for cr in objects(docs, "ClusterRole", b["roleRef"]["name"]) for r in cr["rules"]]
    else:
        bindings = [b for b in objects(docs, "RoleBinding")
                    if subject in binding_subjects(b) and b["metadata"]["namespace"] == watch_ns]
        rules = [r for b in bindings for role in objects(docs, "Role", b["roleRef"]["name"])
                 if role["metadata"]["namespace"] == watch_ns for r in role["rules"]]
        expect(not [b for b in objects(docs, "ClusterRoleBinding") if subject in binding_subjects(b)],
               "a namespaced controller still has a ClusterRoleBinding")
        (c,) = pod_spec(dep)["containers"]
        expect(arg_value(c, "--namespace") == watch_ns, f"--namespace={arg_value(c, '--namespace')}, want {watch_ns}")
    missing = [f"{g or 'core'}/{r} {'/'.join(v)}" for g, r, v in CONTROLLER_NEEDS
               if not any(allows(rule, g, r, v) for rule in rules)]
    expect(not missing, "the controller may not: " + ", ".join(missing))
    le = [r for b in objects(docs, "RoleBinding") if subject in binding_subjects(b) and b["metadata"]["namespace"] == ns
          for role in objects(docs, "Role", b["roleRef"]["name"]) for r in role["rules"]]
    expect(any(allows(r, "coordination.k8s.io", "leases", ("get", "create", "update")) for r in le),
           "the controller may not hold a leader-election Lease in its namespace")
    (c,) = pod_spec(dep)["containers"]
    expect(arg_value(c, "--leader-elect-resource-namespace") == ns,
           "--leader-elect-resource-namespace is not the release namespace")


def check_namespace(docs, ns):
    """Every namespaced object is in `ns` (the kube-system RoleBinding and a watched namespace aside)."""
    cluster_scoped = {"ClusterRole", "ClusterRoleBinding", "APIService", "Namespace"}
    for d in docs:
        if d["kind"] in cluster_scoped:
            expect("namespace" not in d["metadata"], f"cluster-scoped {d['kind']} has a namespace")
            continue
        got = d["metadata"].get("namespace")
        if d["kind"] == "RoleBinding" and got == "kube-system":
            continue
        if d["kind"] in ("Role", "RoleBinding") and got != ns and d["metadata"]["name"].endswith(":controller"):
            continue
        expect(got == ns, f"{d['kind']} {d['metadata']['name']} is in namespace {got!r}, want {ns!r}")


def check_selectors(docs):
    """Workload selectors match their pod templates; Services select some pod."""
    pods = []
    for w in docs:
        if w.get("kind") in WORKLOAD_KINDS:
            sel = w["spec"]["selector"]["matchLabels"]
            labels = w["spec"]["template"]["metadata"]["labels"]
            expect(all(labels.get(k) == v for k, v in sel.items()), f"{w['metadata']['name']}: selector misses its pods")
            pods.append(labels)
    for svc in objects(docs, "Service"):
        sel = svc["spec"]["selector"]
        expect(any(all(p.get(k) == v for k, v in sel.items()) for p in pods), f"Service {svc['metadata']['name']} selects no pod")


def check_arg(docs, comp, arg):
    """Container of `comp` has the exact argument `arg`."""
    kind = "StatefulSet" if comp == "etcd" else "Deployment"
    (c,) = pod_spec(component(docs, kind, comp))["containers"]
    expect(arg in c.get("args", []), f"{comp} args {c.get('args')} lack {arg}")


def check_image(docs, comp, image):
    kind = "StatefulSet" if comp == "etcd" else "Deployment"
    (c,) = pod_spec(component(docs, kind, comp))["containers"]
    expect(c["image"] == image, f"{comp} image {c['image']}, want {image}")


def check_scheduling(docs, key, value):
    """Every workload carries nodeSelector key=value and a toleration for key."""
    for w in docs:
        if w.get("kind") in WORKLOAD_KINDS:
            spec = pod_spec(w)
            expect(spec.get("nodeSelector", {}).get(key) == value, f"{w['metadata']['name']}: nodeSelector {spec.get('nodeSelector')}")
            expect(any(t.get("key") == key for t in spec.get("tolerations", [])), f"{w['metadata']['name']}: no toleration for {key}")


def check_replicas(docs, comp, n):
    kind = "StatefulSet" if comp == "etcd" else "Deployment"
    got = component(docs, kind, comp)["spec"]["replicas"]
    expect(got == int(n), f"{comp} replicas {got}, want {n}")


def check_count(docs, kind, n):
    """Exactly n objects of `kind` are rendered."""
    got = len(objects(docs, kind))
    expect(got == int(n), f"{got} {kind} objects, want {n}")


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items() if name.startswith("check_")}


def main(argv):
    if len(argv) < 3 or argv[2] not in CHECKS:
        print(f"usage: {argv[0]} FILE CHECK [ARG...]; checks: {', '.join(sorted(CHECKS))}")
        return 2
    try:
        CHECKS[argv[2]](load(argv[1]), *argv[3:])
    except CheckFailed as e:
        print(e)
        return 1
    except (KeyError, IndexError, TypeError, ValueError) as e:
        print(f"malformed manifests for check {argv[2]}: {type(e).__name__}: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
