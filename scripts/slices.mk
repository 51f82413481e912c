# scripts/slices.mk — a sweep figure as TASKS slices run here in parallel
# (make -j), then merged: what the cluster does, without a cluster.
#   make -f scripts/slices.mk KEY=erg_fig3 TASKS=4 -j2 [CONFIG=…] [DIR=…] [OUTPUT=…] [B=build]
# (the Makefile's `make slices-erg-fig3 TASKS=4 -j2` calls this and plots).
# A slice's file is rebuilt only if missing or older than the driver or the
# config, so rerunning after a failed slice runs only what is missing.
B      ?= build
KEY    ?= $(error KEY=figure, e.g. KEY=erg_fig3)
TASKS  ?= 8
PAPER  := $(firstword $(subst _, ,$(KEY)))
CONFIG ?= experiments/$(PAPER)/$(patsubst $(PAPER)_%,%,$(KEY)).yaml
# the binary: the config's `driver:`, else KEY (check --driver)
DRIVER := $(shell $(B)/bin/check --driver $(CONFIG))
DIR    ?= $(B)/slices/$(KEY)
OUTPUT ?=
# one BLAS thread per slice: make -j sets the parallelism
SLICE_THREADS ?= 1

PARTS := $(foreach i,$(shell seq 0 $$(($(TASKS) - 1))),$(DIR)/$(KEY).dat.part-$(i)-of-$(TASKS))

.PHONY: merge
merge: $(PARTS)
	$(B)/bin/$(DRIVER) $(CONFIG) --merge $(PARTS) $(if $(OUTPUT),--output $(OUTPUT))

$(DIR)/$(KEY).dat.part-%-of-$(TASKS): $(B)/bin/$(DRIVER) $(CONFIG)
	@mkdir -p $(DIR)
	OPENBLAS_NUM_THREADS=$(SLICE_THREADS) $(B)/bin/$(DRIVER) $(CONFIG) --task $*/$(TASKS) --output $(DIR)/$(KEY).dat
