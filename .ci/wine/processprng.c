/* A stand-in for Windows 10's ProcessPrng (bcryptprimitives.dll), which Rust's standard
 * library calls for random bytes and which Debian's Wine 8.0 lacks. Used only in the Wine test
 * prefix of .ci/windows-check.sh; the shipped shiryo.exe is not changed. It fills the buffer
 * from RtlGenRandom (advapi32's SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
