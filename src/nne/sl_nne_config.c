#include "sl_nne_config.h"

#include <math.h>
#include <stdio.h>

/* the drivers read this section as "dmaps" */
static const sl_key_doc dmaps_docs[] = {
    {"dmaps.k_nn", "neighbours for datafold's cut-off heuristic (the point itself counts; datafold: 25)"},
    {"dmaps.subsample", "points sampled for the cut-off heuristic (datafold: 1000)"},
    {"dmaps.kernel_tol", "kernel values below this are dropped: epsilon = cut-off^2 / (-ln tol) (datafold: 1e-8)"},
    {"dmaps.alpha", "alpha-normalisation: 1 Laplace-Beltrami, 0 graph Laplacian"},
    {"dmaps.shift", "ARPACK shift-invert at this shift (> 1), or 0 for regular mode"},
    {"dmaps.solver", "sparse (ARPACK) or dense (LAPACK dsyevr, small N only)"},
    {NULL, NULL}};

sl_status sl_dmaps_cfg_read(const sl_config *cfg, const char *prefix, sl_dmaps_cfg *c)
{
    static const char *const solvers[] = {"sparse", "dense", NULL};
    *c = (sl_dmaps_cfg){25, 1000, 1e-8, 1.0, 1.0001, SL_DMAPS_SPARSE};
    char key[128];
    sl_config_docs(cfg, dmaps_docs);
#define KEY(name) (snprintf(key, sizeof key, "%s.%s", prefix, name), key)
    SL_TRY(sl_config_int(cfg, KEY("k_nn"), 1, 1000, &c->k_nn));
    SL_TRY(sl_config_int(cfg, KEY("subsample"), 1, 100000000, &c->subsample));
    SL_TRY(sl_config_double(cfg, KEY("kernel_tol"), 1e-300, 0.5, &c->kernel_tol));
    SL_TRY(sl_config_double(cfg, KEY("alpha"), 0, 1, &c->alpha));
    SL_TRY(sl_config_double(cfg, KEY("shift"), 0, 10, &c->shift));
    SL_TRY(sl_config_enum(cfg, KEY("solver"), solvers, &c->solver));
#undef KEY
    if (c->shift != 0 && !(c->shift > 1))
        return sl_fail(SL_ECONFIG, "%s: key '%s.shift': %g must be 0 (regular mode) or > 1 (the largest eigenvalue is 1)",
                       sl_config_path(cfg), prefix, c->shift);
    return SL_OK;
}

sl_status sl_dmaps_cfg_params(const sl_dmaps_cfg *c, const double *x, int n, int d, int k, double eps_factor,
                              gsl_rng *r, sl_dmaps_params *p, double *eps_heuristic)
{
    double cut, eps;
    const int knn = c->k_nn < n ? (int)c->k_nn : n;
    SL_TRY(sl_dmaps_scale(x, n, d, knn, (int)c->subsample, c->kernel_tol, r, &cut, &eps));
    if (eps_heuristic) *eps_heuristic = eps;
    *p = (sl_dmaps_params){eps * eps_factor, cut * sqrt(eps_factor), c->alpha, k, c->shift, 0,
                           (sl_dmaps_solver)c->solver};
    return SL_OK;
}
