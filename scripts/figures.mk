# figures.mk — the figure graph of `make figures` (scripts/figures.sh runs it).
# One rule per results file: OUT/KEY_NAME.dat is made by scripts/run_figure.sh
# from its want stamp W/KEY_NAME.txt, which `check --want` dates 1970-01-02
# when the results header records what the figure's config, overrides,
# driver sources and inputs would make now, and "now" when not
# (src/report/sl_want.h). So make's time comparison reruns exactly the stale
# figures, whatever times a git clone gave the results files; a figure that
# reads another's results (afr Figs. 4 and 7 read afr_fig3.dat) runs after it
# (order-only prerequisite) and is stale when it is (its stamp reads the
# other's). Two passes: PHASE=want writes every stamp (in graph order), then
# a run without PHASE makes the results with `make -j`.
# Variables: OUT, W (stamp folder), B (build), EXP (configs), QUICK=1
# (quick.txt overrides), FORCE_ALL=1 (rerun current ones too), FORCE_FIGS
# (these figures only: figures.sh --touch), FIGS.
SHELL := /bin/bash
OUT ?= results
B ?= build
EXP ?= experiments
# FIGS and the edges of the figures that read others' results (figures.sh)
include $(W)/graph.mk
RUN = BUILD=$(B) SL_EXPERIMENTS=$(EXP) scripts/run_figure.sh $(if $(QUICK),--quick)

.PHONY: wants always
.DEFAULT_GOAL := results
always:
wants: $(FIGS:%=$(W)/%.txt)
ifeq ($(PHASE),want)
$(W)/%.txt: always
	@$(RUN) --want $(W) $(if $(or $(FORCE_ALL),$(filter $*,$(FORCE_FIGS))),--force) $(patsubst $(W)/%.txt,--input %,$(filter %.txt,$^)) $(AFTER) $* $(OUT) >/dev/null
endif

.PHONY: results
results: $(FIGS:%=$(OUT)/%.dat)
$(OUT)/%.dat: $(W)/%.txt
	@$(RUN) --job $(W) $* $(OUT)
