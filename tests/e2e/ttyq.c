/* ttyq TTY [MS]: waits until the program on terminal TTY has read everything typed to it
 * (the terminal's input queue is empty, FIONREAD), at most MS milliseconds (5000).
 * Exit 0 when it has, 1 when the time ran out, 2 on a usage or open error. The e2e
 * driver sends keys one at a time with it, as a person types them: the wizard takes
 * several characters in one read as a paste. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long ms = argc > 2 ? strtol(argv[2], NULL, 10) : 5000;
    struct timespec pause = {0, 1000000}; /* 1 ms */
    int fd, n;

    if (argc < 2) {
        fprintf(stderr, "usage: ttyq TTY [MS]\n");
        return 2;
    }
    if ((fd = open(argv[1], O_RDONLY | O_NOCTTY | O_NONBLOCK)) < 0) {
        fprintf(stderr, "ttyq: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    for (long t = 0; t <= ms; t++) {
        if (ioctl(fd, FIONREAD, &n) < 0) {
            fprintf(stderr, "ttyq: %s: %s\n", argv[1], strerror(errno));
            return 2;
        }
        if (n == 0)
            return 0;
        nanosleep(&pause, NULL);
    }
    return 1;
}
