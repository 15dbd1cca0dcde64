/* Holds a file open as a PDF viewer does (Acrobat Reader shares reading only, so the file can
 * be neither replaced nor deleted), prints "holding", and lets go when its standard input
 * ends. Used by .ci/windows-check.sh under Wine. */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: holdopen FILE\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open: error %lu\n", GetLastError());
        return 1;
    }
    printf("holding\n");
    fflush(stdout);
    while (getchar() != EOF) {
    }
    CloseHandle(h);
    return 0;
}
