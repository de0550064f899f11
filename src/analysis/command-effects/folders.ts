/** The folders and files of the system that command rules name: where packages go, accounts, TLS, the linker. */
import type { Place } from '../places.js';

/** The folders package installs write: a copy into one of them (or above) may collide with an install. */
export const SYSTEM_FOLDERS = [
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/etc',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib64',
  '/usr/share',
  '/usr/include',
  '/usr/local/bin',
  '/usr/local/lib',
  '/usr/local/share',
  '/usr/local/include',
  '/usr/local/bundle',
  '/var/lib',
  '/var/cache',
  '/var/log',
  '/root',
  '/home',
  '/opt',
  '/tmp',
];

/**
 * The folders distribution packages install into. By the distributions' policy none goes into /usr/local, /home,
 * /root or /srv; /var and /opt hold package data (nginx's /var/www, vendors' /opt/...).
 */
export const DISTRIBUTION_FOLDERS = [
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib32',
  '/usr/lib64',
  '/usr/libx32',
  '/usr/libexec',
  '/usr/share',
  '/usr/include',
  '/usr/src',
  '/usr/games',
  '/etc',
  '/var',
  '/opt',
  '/boot',
];

/** Packages whose maintainer scripts make a folder in /srv all the same: FTP and TFTP servers (red team 22). */
export const SRV_FOLDERS: Record<string, string> = {
  'tftpd-hpa': '/srv/tftp',
  atftpd: '/srv/tftp',
  tftpd: '/srv/tftp',
  vsftpd: '/srv/ftp',
  ftpd: '/srv/ftp',
  'proftpd-basic': '/srv/ftp',
  'proftpd-core': '/srv/ftp',
  proftpd: '/srv/ftp',
  'pure-ftpd': '/srv/ftp',
};

/** The dynamic linker's configuration: the library folders ldconfig (run by package installs too) reads. */
export const LIBRARY_CONFIGURATION: Place[] = [
  { path: '/etc/ld.so.conf', tree: false },
  { path: '/etc/ld.so.conf.d', tree: true },
];

/** The account files every account command may rewrite. */
export const ACCOUNT_FILES = [
  '/etc/passwd',
  '/etc/group',
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/subuid',
  '/etc/subgid',
  '/etc/passwd-',
  '/etc/group-',
  '/etc/shadow-',
  '/etc/gshadow-',
];

/** What reading or printing a local time reads: the time zone (`touch -d`, `ls -l`, `stat`; red team 35). */
export const TIME_ZONE: Place[] = [
  { path: '/etc/localtime', tree: false },
  { path: '/etc/timezone', tree: false },
  { path: '/usr/share/zoneinfo', tree: true },
];

/** What looking a user or group up by name reads (`id`, `ls -l`, `find -user`). */
export const NAME_SERVICE: Place[] = ['/etc/passwd', '/etc/group', '/etc/nsswitch.conf'].map((path) => ({
  path,
  tree: false,
}));

/** What the account commands read besides the account files: their defaults and the skeleton of a new home. */
export const ACCOUNT_CONFIGURATION: Place[] = [
  { path: '/etc/login.defs', tree: false },
  { path: '/etc/adduser.conf', tree: false },
  { path: '/etc/deluser.conf', tree: false },
  { path: '/etc/default', tree: true },
  { path: '/etc/skel', tree: true },
];

/** The system's certificate store and OpenSSL configuration, which a client reads for every https connection. */
export const TLS_FOLDERS: Place[] = ['/etc/ssl', '/usr/lib/ssl', '/etc/pki', '/usr/local/ssl'].map((path) => ({
  path,
  tree: true,
}));
