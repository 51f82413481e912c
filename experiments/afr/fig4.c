/* afr_fig4 — afr Fig. 4: test images of MNIST digits 0 and 1 as they are
 * and masked to the `top` most relevant pixels of the network afr_fig3
 * trained (its `score` rows: λ̃ per pixel; run make afr-fig3 first).
 * Rows: pixel image label row col original masked  (28 × 28 per image;
 * gnuplot index = image), then mask row col kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afr/sl_afr.h"
#include "cfg/sl_cfg.h"
#include "core/sl_driver.h"
#include "core/sl_results.h"
#include "nn/sl_importance.h"

#define MAX_IMAGES 16

static const sl_key_doc docs[] = {
    {"scores", "afr_fig3 results file whose score rows rank the pixels"},
    {"images", "positions in the 0/1 test set of the images shown"},
    {"top", "most relevant pixels kept in the masked images"},
    {NULL, NULL}};

int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "afr_fig4");
    if (st != SL_OK) return sl_driver_end(&d, st);
    sl_config_docs(d.cfg, docs);
    sl_data_spec data;
    const char *scores = "results/afr_fig3.dat";
    long images[MAX_IMAGES] = {0, 1, 2, 3}, top = 20;
    size_t n_images = 4;
    if ((st = sl_data_spec_from_config(d.cfg, &data)) || (st = sl_config_string(d.cfg, "scores", &scores)) ||
        (st = sl_config_int_list(d.cfg, "images", 0, 100000, images, MAX_IMAGES, &n_images)) ||
        (st = sl_config_int(d.cfg, "top", 1, 784, &top)) || (st = sl_driver_config_done(&d)))
        return sl_driver_end(&d, st);
    sl_dataset tr = {0}, te = {0}, test = {0};
    sl_results *r = NULL;
    const int cls[2] = {0, 1};
    double score[784];
    int order[784];
    uint8_t keep[784] = {0};
    float x[784];
    int y;
    if ((st = sl_afr_read_scores(scores, "score", score, 784)) || (st = sl_data_load(&data, &tr, &te)) ||
        (st = sl_dataset_select_classes(&test, &te, cls, 2)))
        goto done;
    for (size_t k = 0; k < n_images; k++)
        if ((size_t)images[k] >= test.n) { st = sl_fail(SL_ECONFIG, "%s: images: %ld beyond the %zu test images", sl_config_path(d.cfg), images[k], test.n); goto done; }
    sl_rank_by_magnitude(score, 784, order);
    for (int k = 0; k < top; k++) keep[order[k]] = 1;
    if ((st = sl_results_open(&r, d.output, d.name, sl_config_path(d.cfg), sl_config_hash(d.cfg), "none (reads scores)")))
        goto done;
    sl_results_comment(r, "scores from %s; mask = the %ld pixels of largest |score|", scores, top);
    sl_results_comment(r, "columns: pixel image label row col original masked");
    for (size_t k = 0; k < n_images; k++) {
        uint32_t idx = (uint32_t)images[k];
        sl_dataset_batch(&test, &idx, 1, x, &y);
        for (int i = 0; i < 784; i++)
            sl_results_row(r, "pixel %zu %d %d %d %.6g %.6g", k, y, i / 28, i % 28, x[i], keep[i] ? x[i] : 0.0);
        sl_results_blank(r, 2);
    }
    sl_results_comment(r, "columns: mask row col kept");
    for (int i = 0; i < 784; i++) sl_results_row(r, "mask %d %d %d", i / 28, i % 28, keep[i]);
    st = sl_results_commit(r);
    r = NULL;
done:
    sl_results_discard(r);
    sl_dataset_free(&tr); sl_dataset_free(&te); sl_dataset_free(&test);
    return sl_driver_end(&d, st);
}
