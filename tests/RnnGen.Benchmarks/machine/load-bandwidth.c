/* One core's read bandwidth from each cache level: 512-bit loads (256-bit without AVX-512F) summed into 8 independent
   accumulators over a buffer of half the L1d, three quarters of the L2 and half the L3 (glibc's sizes for L1 and L2, the kernel's for
   L3; 48 KiB, 1 MiB and 32 MiB if they cannot tell), swept again and again. The limits of docs/benchmarks.md divide
   weight bytes by these. machine/probe.sh builds and runs it. */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#if defined(__AVX512F__)
typedef __m512 vec;
#define ZERO _mm512_setzero_ps
#define ADD _mm512_add_ps
#define LOAD _mm512_load_ps
#define W 16
static float total(vec s) { return _mm512_reduce_add_ps(s); }
#else
typedef __m256 vec;
#define ZERO _mm256_setzero_ps
#define ADD _mm256_add_ps
#define LOAD _mm256_load_ps
#define W 8
static float total(vec s) {
  float lanes[8];
  _mm256_storeu_ps(lanes, s);
  return lanes[0] + lanes[1] + lanes[2] + lanes[3] + lanes[4] + lanes[5] + lanes[6] + lanes[7];
}
#endif

static double sweep(const float *buffer, size_t floats, long rounds, float *sink) {
  vec s0 = ZERO(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long r = 0; r < rounds; r++) {
    for (size_t i = 0; i < floats; i += 8 * W) {
      s0 = ADD(s0, LOAD(buffer + i));
      s1 = ADD(s1, LOAD(buffer + i + W));
      s2 = ADD(s2, LOAD(buffer + i + 2 * W));
      s3 = ADD(s3, LOAD(buffer + i + 3 * W));
      s4 = ADD(s4, LOAD(buffer + i + 4 * W));
      s5 = ADD(s5, LOAD(buffer + i + 5 * W));
      s6 = ADD(s6, LOAD(buffer + i + 6 * W));
      s7 = ADD(s7, LOAD(buffer + i + 7 * W));
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  *sink += total(ADD(ADD(ADD(s0, s1), ADD(s2, s3)), ADD(ADD(s4, s5), ADD(s6, s7))));
  double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  return (double)floats * 4 * rounds / seconds / 1e9;
}

/* A cache's size in bytes as the kernel reports it (/sys/devices/system/cpu/cpu0/cache/index<i>/size, e.g. "32768K"),
   or 0. On a KVM guest glibc's sysconf can report the host's L3 (256 MiB here where lscpu says 32 MiB). */
static long sys_cache(int index) {
  char path[96];
  snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", index);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  long size = 0;
  char unit = 0;
  if (fscanf(f, "%ld%c", &size, &unit) < 1) size = 0;
  fclose(f);
  return unit == 'K' ? size << 10 : unit == 'M' ? size << 20 : size;
}

int main(void) {
  long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE), l2 = sysconf(_SC_LEVEL2_CACHE_SIZE), l3 = sys_cache(3);
  if (l3 <= 0) l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
  if (l1 <= 0) l1 = 48L << 10;
  if (l2 <= 0) l2 = 1L << 20;
  if (l3 <= 0) l3 = 32L << 20;
  /* Whole 8-vector blocks (512 bytes at most) that fit each level with room to spare; the L3 is shared, so half of it,
     and at least twice the L2, so that the buffer is not the L2's. */
  size_t l3buffer = (size_t)l3 / 2 > (size_t)l2 * 2 ? (size_t)l3 / 2 : (size_t)l2 * 2;
  const size_t sizes[] = { (size_t)l1 / 2 / 512 * 512, (size_t)l2 * 3 / 4 / 512 * 512, l3buffer / 512 * 512 };
  const char *names[] = { "L1", "L2", "L3" };
  float sink = 0;
  for (int level = 0; level < 3; level++) {
    size_t floats = sizes[level] / 4;
    float *buffer = aligned_alloc(64, sizes[level]);
    for (size_t i = 0; i < floats; i++) buffer[i] = (float)(i % 7);
    long rounds = (long)(4e9 / sizes[level]) + 1; /* about 4 GB read per reading */
    for (int r = 0; r < 3; r++) {
      double gbs = sweep(buffer, floats, rounds, &sink);
      printf("%s read %.1f GB/s (%zu KiB buffer, %d-bit loads)\n", names[level], gbs, sizes[level] >> 10, W * 32);
    }
    free(buffer);
  }
  fprintf(stderr, "checksum %g\n", sink);
  return 0;
}
