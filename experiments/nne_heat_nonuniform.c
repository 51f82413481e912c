/* nne_heat_nonuniform — thesis §3.5, non-uniform sampling θ = 2π x²
 * (Figs. 3.26–3.29): the nne_heat driver under its own name; the sampling,
 * initial condition and number of eigenpairs come from the config. */
#define NNE_HEAT_NAME "nne_heat_nonuniform"
#include "nne_heat.c"
