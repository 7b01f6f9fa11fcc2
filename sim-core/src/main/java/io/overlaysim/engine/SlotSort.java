package io.overlaysim.engine;

/**
 * The sort of an {@link EventQueue} bucket: event slots ordered by (time, sequence number),
 * reading the time from the queue's {@code meta} array ({@code meta[2 * slot]}) and the sequence
 * number only on equal times. Buckets are short, so insertion sort does most of the work; long
 * ones (many events at one time) are merged, and runs already in order, as ties filed in
 * insertion order are, cost one comparison per merge.
 */
final class SlotSort {
    private static final int INSERTION_SORT_MAX = 32;

    private SlotSort() {
    }

    /** Sorts a[0..n) using tmp (at least n long) as scratch space. */
    static void sort(int[] a, int[] tmp, int n, long[] meta, long[] seq) {
        if (n <= INSERTION_SORT_MAX) {
            insertionSort(a, 0, n, meta, seq);
        } else {
            mergeSort(a, tmp, 0, n, meta, seq);
        }
    }

    private static boolean before(int x, int y, long[] meta, long[] seq) {
        long tx = meta[2 * x];
        long ty = meta[2 * y];
        return tx < ty || (tx == ty && seq[x] < seq[y]);
    }

    private static void insertionSort(int[] a, int from, int to, long[] meta, long[] seq) {
        for (int i = from + 1; i < to; i++) {
            int s = a[i];
            int j = i;
            while (j > from && before(s, a[j - 1], meta, seq)) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = s;
        }
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, long[] meta, long[] seq) {
        if (to - from <= INSERTION_SORT_MAX) {
            insertionSort(a, from, to, meta, seq);
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, meta, seq);
        mergeSort(a, tmp, mid, to, meta, seq);
        if (!before(a[mid], a[mid - 1], meta, seq)) {
            return;
        }
        System.arraycopy(a, from, tmp, from, mid - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            a[k++] = before(a[j], tmp[i], meta, seq) ? a[j++] : tmp[i++];
        }
        while (i < mid) {
            a[k++] = tmp[i++];
        }
    }
}
