/*
 * Memory that processes come back with: prints the free memory after a
 * warm-up and again after many more rounds of exec (the program replacing
 * itself) or of fork, exec and wait.  A kernel that keeps something per
 * round shows it as a difference that grows with the rounds.
 *
 *   reuse exec|spawn ROUNDS   (exec adds the round it is at)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define WARM_UP 20

static void print_free(const char *when)
{
	struct sysinfo si;

	if (sysinfo(&si)) {
		perror("sysinfo");
		exit(1);
	}
	printf("%s %llu\n", when, (unsigned long long)si.freeram * si.mem_unit);
	fflush(stdout);
}

static void run_exec(const char *rounds_arg, int round)
{
	int rounds = atoi(rounds_arg);
	char next[16];

	if (round == WARM_UP)
		print_free("warm");
	if (round == rounds) {
		print_free("end");
		exit(0);
	}
	snprintf(next, sizeof(next), "%d", round + 1);
	execl("/proc/self/exe", "reuse", "exec", rounds_arg, next, (char *)NULL);
	perror("execl");
	exit(1);
}

static void run_spawn(int rounds)
{
	for (int round = 0; round <= rounds; round++) {
		pid_t pid;
		int status;

		if (round == WARM_UP)
			print_free("warm");
		pid = fork();
		if (pid < 0) {
			perror("fork");
			exit(1);
		}
		if (pid == 0) {
			execl("/proc/self/exe", "reuse", "child", (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "round %d: the child failed\n", round);
			exit(1);
		}
	}
	print_free("end");
}

int main(int argc, char *argv[])
{
	if (argc == 2 && !strcmp(argv[1], "child"))
		return 0;
	if (argc < 3 || (strcmp(argv[1], "exec") && strcmp(argv[1], "spawn"))) {
		fprintf(stderr, "usage: reuse exec|spawn ROUNDS\n");
		return 2;
	}
	if (!strcmp(argv[1], "spawn"))
		run_spawn(atoi(argv[2]));
	else
		run_exec(argv[2], argc > 3 ? atoi(argv[3]) : 0);
	return 0;
}
