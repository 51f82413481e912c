/* template_train — a starting point for your own experiment: a spectral
 * network (every layer msd Eq. 1: W_ji = φ_ji (λ_in,i − λ_out,j)) trained on
 * the data set of your choice — MNIST or Fashion-MNIST (`data:`) or a
 * Gaussian set (`gauss:`, the afr generator) — then its test accuracy.
 * Config: experiments/template/conf/train.yaml (every key documented by
 * --help). Make it your own: paper/labs/README.md.
 * Rows: `result source n_trainable train_loss test_acc test_loss`. */
#include "afr/sl_afr_config.h"   /* the Gaussian sets */
#include "cfg/sl_cfg.h"          /* data:, network:, train: sections */
#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "core/sl_rng.h"

static const char *const sources[] = {"images", "gauss", NULL};
static const sl_key_doc docs[] = {
    {"source", "images (MNIST / Fashion-MNIST: data:) or gauss (a Gaussian set: gauss:)"},
    {"eigenvectors", "1: train the eigenvectors phi too; 0: the eigenvalues only"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "template_train");
    if (st != SL_OK) return sl_driver_end(&d, st);
    int src = 0, n_layers = 0, dims[SL_MAX_LAYERS + 1];
    long eigvec = 0;
    sl_act acts[SL_MAX_LAYERS];
    sl_train_opts opts;
    sl_data_spec data;
    sl_afr_gauss_spec gauss;
    sl_dataset train = {0}, test = {0};
    sl_net net = {0};
    sl_results *r = NULL;
    gsl_rng *rng = sl_rng_new(sl_seed_derive(d.seed, 0, 0)); /* one stream: data, init, shuffling */
    sl_config_docs(d.cfg, docs);
    if (!rng) st = sl_fail(SL_ENOMEM, "rng");
    if (st || (st = sl_config_enum(d.cfg, "source", sources, &src)) ||
        (st = src == 0 ? sl_data_spec_from_config(d.cfg, &data) : sl_afr_gauss_from_config(d.cfg, &gauss)) ||
        (st = sl_cfg_layers(d.cfg, "network.dims", &n_layers, dims, acts)) ||
        (st = sl_config_int(d.cfg, "eigenvectors", 0, 1, &eigvec)) ||
        (st = sl_train_opts_from_config(d.cfg, &opts)) || (st = sl_driver_config_done(&d)))
        goto done;
    /* the data: train and test splits (sl_dataset.h) */
    if (src == 0) st = sl_data_load(&data, &train, &test);
    else if (!(st = sl_afr_gauss_generate(&gauss, (size_t)gauss.n_train, rng, &train)))
        st = sl_afr_gauss_generate(&gauss, (size_t)gauss.n_test, rng, &test);
    if (st) goto done;
    /* the network: spectral layers (sl_net.h, sl_layer_ops.h), trained groups per layer */
    sl_layer L[SL_MAX_LAYERS] = {0};
    for (int l = 0; l < n_layers; l++)
        L[l] = (sl_layer){.kind = SL_LAYER_SPECTRAL, .n_in = dims[l], .n_out = dims[l + 1], .act = acts[l],
                          .train = SL_G_LAMBDA_IN | SL_G_LAMBDA_OUT | (eigvec ? SL_G_PHI : 0)};
    sl_init init = {.phi = {-0.5f, 0.5f}, .lambda_in = {-0.01f, 0.01f}, .lambda_out = {-0.01f, 0.01f}};
    if ((st = sl_net_alloc(&net, n_layers, L))) goto done;
    sl_net_init(&net, &init, rng);
    /* training (sl_train.h), then the test set */
    sl_train_report rep = {0};
    double acc = 0, loss = 0;
    if ((st = sl_train(&net, &train, &opts, rng, NULL, &rep)) || (st = sl_evaluate(&net, &test, 1000, &acc, &loss)) ||
        (st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), "one stream")))
        goto done;
    sl_results_comment(r, "columns: result source n_trainable train_loss test_acc test_loss");
    sl_results_row(r, "result %s %zu %.5f %.4f %.5f", sources[src], net.n_trainable, rep.final_loss, acc, loss);
    fprintf(stderr, "%s: test accuracy %.2f%% (%zu parameters trained)\n", d.name, 100 * acc, net.n_trainable);
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    sl_net_free(&net);
    sl_dataset_free(&train);
    sl_dataset_free(&test);
    if (rng) gsl_rng_free(rng);
    return sl_driver_end(&d, st);
}
