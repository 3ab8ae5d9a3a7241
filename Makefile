# rmi360-aws — one entry point for building, testing, deploying and demonstrating.
# `make help` lists the targets.

SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

MVN        ?= mvn -B -ntp
PYTHON     ?= python3
TERRAFORM  ?= terraform
TF_DIR     ?= terraform
BUILD_DIR  ?= build

# Offline provider install: the mirror root is discovered at run time (override with
# TF_PLUGIN_MIRROR=/path), and a CLI config pointing at it is generated under build/.
# Without a mirror, plan/deploy/destroy install the provider from the registry as usual;
# tf-test needs the mirror (it runs offline).
TF_PLUGIN_MIRROR ?= $(shell scripts/find-tf-mirror.sh 2>/dev/null)
TF_CLI_CONFIG     := $(abspath $(BUILD_DIR))/terraformrc
ifneq ($(strip $(TF_PLUGIN_MIRROR)),)
export TF_CLI_CONFIG_FILE := $(TF_CLI_CONFIG)
endif
export CHECKPOINT_DISABLE := 1
export TF_IN_AUTOMATION := 1

LAMBDA_JAR := lambda/target/rmi360-monitor.jar
AGENT_JAR  := agent/target/rmi360-agent.jar

.PHONY: help build test test-java test-arcgis tf-test repro tf-fmt demo plan deploy destroy bench bench-smoke clean dist test-dist

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

build: ## Build both shaded jars (lambda/target/rmi360-monitor.jar, agent/target/rmi360-agent.jar)
	$(MVN) -q package -DskipTests

test: test-java test-arcgis test-dist repro tf-test bench-smoke ## Everything: Java unit + integration tests, ArcGIS toolbox tests, the uploader bundle, reproducible jar, Terraform checks and tests, benchmark smoke

test-java: ## Java unit tests and integration tests (S3Proxy, moto_server, keyring, chromium)
	scripts/with-keyring.sh $(MVN) verify

test-arcgis: ## ArcGIS Pro toolbox (arcgis/) under a stand-in arcpy, against the real agent (--local, keyring, moto_server)
	@[[ -f $(AGENT_JAR) ]] || $(MAKE) --no-print-directory build
	scripts/with-keyring.sh $(PYTHON) -m unittest discover -s arcgis/tests -t arcgis/tests

demo: build ## Build, then run the whole pipeline locally, no AWS account (embedded S3, monitor every 2 s); DEMO_ARGS="--images 100 --keep-running"
	java -jar $(AGENT_JAR) demo --workdir $(BUILD_DIR)/demo $(DEMO_ARGS)

# Regenerated on every use, so a moved mirror (TF_PLUGIN_MIRROR) is never read from a stale file.
$(TF_CLI_CONFIG): FORCE
	@mkdir -p $(dir $@)
	@if [[ -z "$(TF_PLUGIN_MIRROR)" ]]; then \
	  echo "make: no local Terraform provider mirror (TF_PLUGIN_MIRROR): providers come from the registry" >&2; \
	else \
	  printf 'provider_installation {\n  filesystem_mirror {\n    path    = "%s"\n    include = ["registry.terraform.io/*/*"]\n  }\n  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n' "$(TF_PLUGIN_MIRROR)" > $@; \
	fi

tf-test: ## terraform fmt -check, validate, terraform test (mock provider), apply/plan/destroy on moto_server (offline)
	@if command -v $(TERRAFORM) >/dev/null; then $(MAKE) --no-print-directory $(TF_CLI_CONFIG); fi
	TERRAFORM="$(TERRAFORM)" scripts/tf-test.sh

plan: build $(TF_CLI_CONFIG) ## Build the jars, then terraform plan -out build/tfplan: the review step (docs/deploy.md, checklist)
	TERRAFORM="$(TERRAFORM)" scripts/tf-deploy.sh plan

deploy: $(TF_CLI_CONFIG) ## Apply exactly the reviewed build/tfplan; refuses a plan older than the jar or the Terraform files
	TERRAFORM="$(TERRAFORM)" scripts/tf-deploy.sh apply

destroy: $(TF_CLI_CONFIG) ## terraform destroy (asks; AUTO_APPROVE=1 does not ask). Remove per-project rules first
	TERRAFORM="$(TERRAFORM)" scripts/tf-deploy.sh destroy

repro: ## Two clean builds of the monitor jar must be byte-identical (REPRO_MODULES="lambda agent" adds the agent jar)
	MVN="$(MVN) -o" scripts/check-reproducible.sh

tf-fmt: ## Rewrite Terraform files in canonical format
	$(TERRAFORM) fmt -recursive $(TF_DIR)

FORCE:

BENCH_TICK ?= 10000,100000

bench: ## Upload benchmark (plan "issue", 1-2 h; `make build` first) + monitor tick; narrow with BENCH_ARGS=, BENCH_TICK=
	python3 bench/run.py --tick $(BENCH_TICK) $(BENCH_ARGS)

bench-smoke: ## Tiny benchmark (< 90 s): latency proxy and WAN rig checks, every client on 21 files direct, 20 ms RTT and a 200 Mbit/s WAN link (root), tick on 200
	python3 bench/test_latency_proxy.py
	python3 bench/test_wan_rig.py
	python3 bench/test_steady_window.py
	python3 bench/run.py --smoke

# The bundle's runtime: a JDK 25+ (its jlink links from its own run-time image, JEP 493, and dist.py adds the AOT
# cache that needs 25), found by scripts/find-dist-jdk.sh; DIST_JAVA_HOME=/path overrides. None found: dist.py
# takes JAVA_HOME or PATH's JDK, and the bundle has no AOT cache (docs/dist.md).
DIST_JAVA_HOME ?= $(shell scripts/find-dist-jdk.sh 2>/dev/null)
export DIST_JAVA_HOME

dist: build ## Self-contained bundle for this OS/arch: build/dist/rmi360-<version>-<os>-<arch>.tar.gz (.zip on Windows)
	python3 scripts/dist.py

test-dist: ## Unpack the Linux x64 bundle (built from the current jar, or reused) and run --version, demo, keyring with no Java on PATH
	scripts/with-keyring.sh scripts/test-dist.sh

clean: ## Remove build output
	$(MVN) -q clean
	rm -rf $(BUILD_DIR)
