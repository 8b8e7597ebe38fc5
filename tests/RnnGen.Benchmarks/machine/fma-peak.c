/* One core's FP32 FMA throughput: 12 independent vfmadd231ps per iteration, no loads, so the loop runs at the FMA
   pipes' rate. Built with AVX-512F it uses zmm (Zen 4: one 512-bit FMA a cycle, 32 FLOPs; a Xeon with two 512-bit FMA
   ports: two, 64 FLOPs); without, ymm (Zen 3 and most AVX2 cores: two 256-bit FMAs a cycle, 32 FLOPs).
   machine/probe.sh builds it with -march=native and runs it. */
#include <stdio.h>
#include <time.h>
#if defined(__AVX512F__)
#define R "zmm"
#define LANES 16
#elif defined(__FMA__)
#define R "ymm"
#define LANES 8
#else
#error "fma-peak.c needs AVX-512F or FMA (build with -march=native on such a machine)"
#endif
int main(void){
  for (int r=0;r<5;r++){
  long n=100000000L; struct timespec t0,t1;
  __asm__ volatile("vxorps %%" R "0,%%" R "0,%%" R "0\n vxorps %%" R "1,%%" R "1,%%" R "1\n vxorps %%" R "2,%%" R "2,%%" R "2\n" ::: "xmm0","xmm1","xmm2");
  clock_gettime(CLOCK_MONOTONIC,&t0);
  for(long i=0;i<n;i++){
    __asm__ volatile(
      "vfmadd231ps %%" R "1, %%" R "2, %%" R "4\n vfmadd231ps %%" R "1, %%" R "2, %%" R "5\n vfmadd231ps %%" R "1, %%" R "2, %%" R "6\n vfmadd231ps %%" R "1, %%" R "2, %%" R "7\n"
      "vfmadd231ps %%" R "1, %%" R "2, %%" R "8\n vfmadd231ps %%" R "1, %%" R "2, %%" R "9\n vfmadd231ps %%" R "1, %%" R "2, %%" R "10\n vfmadd231ps %%" R "1, %%" R "2, %%" R "11\n"
      "vfmadd231ps %%" R "1, %%" R "2, %%" R "12\n vfmadd231ps %%" R "1, %%" R "2, %%" R "13\n vfmadd231ps %%" R "1, %%" R "2, %%" R "14\n vfmadd231ps %%" R "1, %%" R "2, %%" R "15\n"
      ::: "xmm4","xmm5","xmm6","xmm7","xmm8","xmm9","xmm10","xmm11","xmm12","xmm13","xmm14","xmm15");
  }
  clock_gettime(CLOCK_MONOTONIC,&t1);
  double s=(t1.tv_sec-t0.tv_sec)+(t1.tv_nsec-t0.tv_nsec)/1e9;
  printf("%.1f GFLOP/s FP32 = %.3f " R " FMA per ns (12 independent vfmadd231ps " R " per iteration, %d-bit)\n", n*12.0*2*LANES/s/1e9, n*12.0/s/1e9, LANES*32);
  }
  return 0;
}
