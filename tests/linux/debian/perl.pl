# Perl: regexes, hashes, sprintf, pack, file I/O, system/backticks/fork/waitpid, a pipe
# from a child, alarm interrupting select, core modules.
# Run by tests/integration/test_debian_programs.py natively and under Tessera.
use strict; use warnings;
my %h; my @w = qw(apple banana cherry apple date banana apple);
$h{$_}++ for @w;
for my $k (sort { $h{$b} <=> $h{$a} || $a cmp $b } keys %h) { printf "%-8s %3d %05.2f\n", $k, $h{$k}, $h{$k} / @w * 100; }
my $text = "The year 1999 and 2024, emails: a\@b.com, x.y\@z.org";
my @years = $text =~ /\b(\d{4})\b/g; print "@years\n";
(my $t = $text) =~ s/(\w+)\@(\w+)/$2 at $1/g; print "$t\n";
print join(",", map { sprintf "%x", $_ } grep { $_ % 3 == 0 } 1..30), "\n";
open(my $fh, '>', 'out.txt') or die; print $fh "line $_\n" for 1..100; close $fh;
open($fh, '<', 'out.txt') or die; my $n = 0; my $sum = 0; while (<$fh>) { $n++; $sum += $1 if /(\d+)/ } close $fh; print "$n $sum\n";
my $rc = system("echo from child; exit 3"); print "rc=", $rc >> 8, "\n";
my $out = `echo backtick \$((6*7))`; print $out;
my $pid = fork(); if ($pid == 0) { print "in child\n"; exit 7 } waitpid($pid, 0); print "child status ", $? >> 8, "\n";
open(my $p, '-|', 'seq', '1', '5') or die; my @l = <$p>; close $p; print scalar(@l), " lines, last $l[-1]";
local $SIG{ALRM} = sub { die "alarm\n" }; eval { alarm 1; select(undef,undef,undef,5); alarm 0; }; print "eval: $@";
my @sorted = sort { $a <=> $b } map { ($_ * 7919) % 1000 } 1..20; print "@sorted[0..4]\n";
use POSIX qw(floor strftime); print floor(-2.5), " ", strftime("%Y-%m-%d", gmtime(86400*365)), "\n";
use Digest::MD5 qw(md5_hex); print md5_hex("tessera"), "\n";
use List::Util qw(sum max first); print sum(1..100), " ", max(3,9,2), " ", first { $_ > 3 } (1..10); print "\n";
opendir(my $d, '.') or die; my @f = sort grep { !/^\./ } readdir($d); closedir $d; print "@f\n";
unlink 'out.txt'; print -e 'out.txt' ? "still\n" : "gone\n";
my $s = pack("NnC", 1, 2, 3); print length($s), " ", join(",", unpack("NnC", $s)), "\n";
local $/ = undef; open($fh, '<', $0); my $all = <$fh>; print length($all) > 100 ? "slurp ok\n" : "short\n";
