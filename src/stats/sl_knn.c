#include "sl_knn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sl_kdtree_free(sl_kdtree *t)
{
    if (!t) return;
    free(t->idx);
    free(t->node);
    free(t->boxes);
    memset(t, 0, sizeof *t);
}

static double coord(const sl_kdtree *t, int i, int c) { return t->x[(size_t)i * t->d + c]; }

/* reorder idx[lo..hi) so that idx[m] has the m-th smallest coordinate c
 * (Hoare quickselect, median-of-three pivot; deterministic) */
static void select_nth(sl_kdtree *t, int lo, int hi, int m, int c)
{
    int *a = t->idx;
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        double p0 = coord(t, a[lo], c), p1 = coord(t, a[mid], c), p2 = coord(t, a[hi - 1], c);
        double piv = p0 < p1 ? (p1 < p2 ? p1 : (p0 < p2 ? p2 : p0)) : (p0 < p2 ? p0 : (p1 < p2 ? p2 : p1));
        int i = lo, j = hi - 1;
        while (i <= j) {
            while (coord(t, a[i], c) < piv) i++;
            while (coord(t, a[j], c) > piv) j--;
            if (i <= j) {
                int s = a[i]; a[i] = a[j]; a[j] = s;
                i++; j--;
            }
        }
        if (m <= j) hi = j + 1;
        else if (m >= i) lo = i;
        else return;
    }
}

static int build(sl_kdtree *t, int lo, int hi, int leaf)
{
    const int d = t->d, id = t->n_nodes++;
    sl_kdnode *nd = &t->node[id];
    nd->lo = lo;
    nd->hi = hi;
    nd->left = nd->right = -1;
    nd->box = t->boxes + (size_t)id * 2 * d;
    for (int c = 0; c < d; c++) {
        double mn = INFINITY, mx = -INFINITY;
        for (int i = lo; i < hi; i++) {
            const double v = coord(t, t->idx[i], c); /* finite (checked): no fmin/fmax calls */
            mn = v < mn ? v : mn;
            mx = v > mx ? v : mx;
        }
        nd->box[c] = mn;
        nd->box[d + c] = mx;
    }
    if (hi - lo <= leaf) return id;
    int dim = 0;
    for (int c = 1; c < d; c++)
        if (nd->box[d + c] - nd->box[c] > nd->box[d + dim] - nd->box[dim]) dim = c;
    if (!(nd->box[d + dim] > nd->box[dim])) return id; /* all points equal: one leaf */
    const int m = lo + (hi - lo) / 2;
    select_nth(t, lo, hi, m, dim);
    nd->dim = dim;
    nd->split = coord(t, t->idx[m], dim);
    int l = build(t, lo, m, leaf);
    int r = build(t, m, hi, leaf);
    t->node[id].left = l; /* t->node is not reallocated: nd stays valid too */
    t->node[id].right = r;
    return id;
}

sl_status sl_kdtree_build(sl_kdtree *t, const double *x, int n, int d, int leaf_size)
{
    memset(t, 0, sizeof *t);
    if (n < 1 || d < 1) return sl_fail(SL_EINVAL, "k-d tree over %d points in dimension %d", n, d);
    for (size_t i = 0; i < (size_t)n * d; i++)
        if (!isfinite(x[i])) return sl_fail(SL_EINVAL, "k-d tree: coordinate %zu of point %zu is not finite", i % d, i / d);
    if (leaf_size < 1) leaf_size = 16;
    t->x = x;
    t->n = n;
    t->d = d;
    /* halving until ≤ leaf_size: fewer than 4 n / leaf_size + 2 nodes */
    const size_t max_nodes = 4 * ((size_t)n / leaf_size + 1) + 2;
    t->idx = malloc((size_t)n * sizeof *t->idx);
    t->node = malloc(max_nodes * sizeof *t->node);
    t->boxes = malloc(max_nodes * 2 * (size_t)d * sizeof *t->boxes);
    if (!t->idx || !t->node || !t->boxes) {
        sl_kdtree_free(t);
        return sl_fail(SL_ENOMEM, "k-d tree over %d points", n);
    }
    for (int i = 0; i < n; i++) t->idx[i] = i;
    build(t, 0, n, leaf_size);
    return SL_OK;
}

void sl_kdtree_reorder(sl_kdtree *t, double *xs, int *perm)
{
    for (int i = 0; i < t->n; i++) {
        perm[i] = t->idx[i];
        memcpy(xs + (size_t)i * t->d, t->x + (size_t)t->idx[i] * t->d, (size_t)t->d * sizeof *xs);
        t->idx[i] = i;
    }
    t->x = xs;
    t->identity = 1;
}

static double point_dist(const sl_kdtree *t, const double *q, int i)
{
    const double *p = t->x + (size_t)i * t->d;
    double s = 0;
    for (int c = 0; c < t->d; c++) s += (q[c] - p[c]) * (q[c] - p[c]);
    return sqrt(s);
}

/* lower bound of the distance from q to the node's box */
static double box_dist(const sl_kdtree *t, const sl_kdnode *nd, const double *q)
{
    double s = 0;
    for (int c = 0; c < t->d; c++) {
        const double lo = nd->box[c] - q[c], hi = q[c] - nd->box[t->d + c]; /* finite: no fmax calls */
        const double e = (lo > 0 ? lo : 0) + (hi > 0 ? hi : 0);
        s += e * e;
    }
    return sqrt(s) * (1 - 1e-12); /* conservative: never prune a point at distance r */
}

/* max-heap on (dist, idx) of the k best so far */
typedef struct {
    int k, size;
    int *idx;
    double *dist;
} heap;

static int worse(double da, int ia, double db, int ib) { return da > db || (da == db && ia > ib); }

static void heap_push(heap *h, double dist, int i)
{
    if (h->size == h->k) {
        if (!worse(h->dist[0], h->idx[0], dist, i)) return;
        /* replace the root and sift down */
        int p = 0;
        for (;;) {
            int c = 2 * p + 1;
            if (c >= h->size) break;
            if (c + 1 < h->size && worse(h->dist[c + 1], h->idx[c + 1], h->dist[c], h->idx[c])) c++;
            if (!worse(h->dist[c], h->idx[c], dist, i)) break;
            h->dist[p] = h->dist[c];
            h->idx[p] = h->idx[c];
            p = c;
        }
        h->dist[p] = dist;
        h->idx[p] = i;
        return;
    }
    int c = h->size++;
    while (c > 0) {
        int p = (c - 1) / 2;
        if (!worse(dist, i, h->dist[p], h->idx[p])) break;
        h->dist[c] = h->dist[p];
        h->idx[c] = h->idx[p];
        c = p;
    }
    h->dist[c] = dist;
    h->idx[c] = i;
}

static void knn_visit(const sl_kdtree *t, int id, const double *q, heap *h)
{
    const sl_kdnode *nd = &t->node[id];
    if (h->size == h->k && box_dist(t, nd, q) > h->dist[0]) return;
    if (nd->left < 0) {
        for (int i = nd->lo; i < nd->hi; i++) heap_push(h, point_dist(t, q, t->idx[i]), t->idx[i]);
        return;
    }
    int first = q[nd->dim] <= nd->split ? nd->left : nd->right;
    knn_visit(t, first, q, h);
    knn_visit(t, first == nd->left ? nd->right : nd->left, q, h);
}

sl_status sl_kdtree_knn(const sl_kdtree *t, const double *q, int k, int *idx, double *dist)
{
    if (k < 1 || k > t->n) return sl_fail(SL_EINVAL, "k-d tree: %d neighbours asked of %d points", k, t->n);
    heap h = {k, 0, idx, dist};
    knn_visit(t, 0, q, &h);
    /* heap sort in place: ascending */
    for (int end = h.size - 1; end > 0; end--) {
        double d0 = h.dist[0];
        int i0 = h.idx[0];
        double dl = h.dist[end];
        int il = h.idx[end];
        h.size = end;
        /* sift the last element down from the root */
        int p = 0;
        for (;;) {
            int c = 2 * p + 1;
            if (c >= h.size) break;
            if (c + 1 < h.size && worse(h.dist[c + 1], h.idx[c + 1], h.dist[c], h.idx[c])) c++;
            if (!worse(h.dist[c], h.idx[c], dl, il)) break;
            h.dist[p] = h.dist[c];
            h.idx[p] = h.idx[c];
            p = c;
        }
        h.dist[p] = dl;
        h.idx[p] = il;
        h.dist[end] = d0;
        h.idx[end] = i0;
    }
    return SL_OK;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

typedef struct {
    int *idx;
    double *dist;
    size_t cap, count;
    double r;
} rad;

static void radius_visit(const sl_kdtree *t, int id, const double *q, rad *o)
{
    const sl_kdnode *nd = &t->node[id];
    if (box_dist(t, nd, q) > o->r) return;
    if (nd->left < 0) {
        for (int i = nd->lo; i < nd->hi; i++) {
            double dd = point_dist(t, q, t->idx[i]);
            if (dd <= o->r) {
                if (o->count < o->cap) {
                    o->idx[o->count] = t->idx[i];
                    o->dist[o->count] = dd;
                }
                o->count++;
            }
        }
        return;
    }
    radius_visit(t, nd->left, q, o);
    radius_visit(t, nd->right, q, o);
}

void sl_kdtree_radius(const sl_kdtree *t, const double *q, double r, int *idx, double *dist, size_t cap,
                      size_t *count)
{
    rad o = {idx, dist, cap, 0, r};
    radius_visit(t, 0, q, &o);
    *count = o.count;
    if (o.count > cap || t->identity) return; /* leaves visited left to right: already sorted */
    /* sort by index (insertion sort for the usual short lists), then
     * recompute the distances (d flops each) */
    if (o.count > 64) {
        qsort(idx, o.count, sizeof *idx, cmp_int);
    } else {
        for (size_t a = 1; a < o.count; a++) {
            int v = idx[a];
            size_t b = a;
            while (b > 0 && idx[b - 1] > v) { idx[b] = idx[b - 1]; b--; }
            idx[b] = v;
        }
    }
    for (size_t a = 0; a < o.count; a++) dist[a] = point_dist(t, q, idx[a]);
}
