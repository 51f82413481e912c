/* sl_knn.h — a k-d tree over points in R^d (Euclidean distance): k nearest
 * neighbours and all neighbours within a radius.
 *
 * The tree keeps a pointer to the caller's points (n, d) row-major, which
 * must outlive it, and owns an index permutation and its nodes. Distances are
 * computed as sqrt(Σ_c (x_c − y_c)²) in coordinate order, so dist(i, j) and
 * dist(j, i) are the same double (a radius graph is exactly symmetric). */
#ifndef SL_KNN_H
#define SL_KNN_H

#include <stddef.h>
#include "../core/sl_error.h"

typedef struct {
    int lo, hi;       /* points idx[lo .. hi) */
    int left, right;  /* children (−1: leaf) */
    int dim;          /* split dimension */
    double split;     /* split value: left ≤ split ≤ right */
    double *box;      /* (2 d): bounding box, lower then upper (into kdtree.boxes) */
} sl_kdnode;

typedef struct {
    const double *x;  /* (n, d) row-major, not owned */
    int n, d;
    int *idx;         /* (n) permutation: leaves hold contiguous ranges */
    sl_kdnode *node;  /* (n_nodes) */
    double *boxes;    /* (n_nodes, 2 d) */
    int n_nodes;
    int identity;     /* idx[i] = i (after sl_kdtree_reorder): radius lists come out sorted */
} sl_kdtree;

/* Build over x (n, d); leaves hold ≤ leaf_size points (0: 16).
 * SL_EINVAL if n < 1 or d < 1 or a coordinate is not finite. */
sl_status sl_kdtree_build(sl_kdtree *t, const double *x, int n, int d, int leaf_size);
void sl_kdtree_free(sl_kdtree *t); /* NULL-safe */

/* Renumber the points in tree order: xs (n, d) ← x[idx[i]], perm (n) ←
 * idx (new → old), and the tree then refers to xs with idx the identity.
 * Radius queries return indices in increasing order without sorting, and
 * neighbours are close in memory. xs must outlive the tree. */
void sl_kdtree_reorder(sl_kdtree *t, double *xs, int *perm);

/* The k nearest points to q (d): idx (k), dist (k) ascending (ties by
 * index). A data point finds itself first (distance 0). SL_EINVAL if
 * k < 1 or k > n. */
sl_status sl_kdtree_knn(const sl_kdtree *t, const double *q, int k, int *idx, double *dist);

/* Every point within distance ≤ r of q, sorted by index: idx and dist
 * (cap each) receive the first min(count, cap) of them; *count is the total
 * (call again with a larger buffer if *count > cap). */
void sl_kdtree_radius(const sl_kdtree *t, const double *q, double r, int *idx, double *dist, size_t cap,
                      size_t *count);

#endif
